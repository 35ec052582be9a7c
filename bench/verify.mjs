// Prints { first, again }: microseconds per verify of tokens not seen before and of one seen before.
import { createRequire } from 'node:module';
import { median } from './median.mjs';

const require = createRequire(import.meta.url);
const { createTokens } = require('../dist/auth/tokens.js');
const n = 5000;

function timed(tokens, list) {
  const start = process.hrtime.bigint();
  for (const token of list) if (!tokens.verify(token)) throw new Error('verify failed');
  return Number(process.hrtime.bigint() - start) / 1000 / list.length;
}

const first = [];
const again = [];
for (let round = 0; round < 5; round++) {
  const tokens = createTokens({ secret: 'b'.repeat(48), expiresIn: 600 });
  const distinct = Array.from({ length: n }, (_, i) =>
    tokens.sign('6500000000000000000000aa', i.toString(16).padStart(24, '0')),
  );
  first.push(timed(tokens, distinct));
  again.push(
    timed(
      tokens,
      Array.from({ length: n }, () => distinct[0]),
    ),
  );
}
// the first round is the warm-up
console.log(JSON.stringify({ first: median(first.slice(1)), again: median(again.slice(1)) }));
