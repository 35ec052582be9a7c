// npm run openapi: writes docs/openapi.json from the code (the same document GET /openapi.json serves).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { openApiDocument } = require('../dist/openapi/openapi.document.js');
const docs = new URL('../docs/', import.meta.url).pathname;
mkdirSync(docs, { recursive: true });
writeFileSync(`${docs}openapi.json`, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log('docs/openapi.json written');
