import { matchingStep } from '../../src/mfa/totp';
import { base32Decode, hotp } from '../helpers/totp';

// RFC 6238, Appendix B: the SHA-1 secret "12345678901234567890" and its 8-digit codes; a 6-digit code is the
// same truncation modulo 10^6, so the last 6 digits.
const SECRET_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238, SHA-1, 30 s steps)', () => {
  it.each(VECTORS)("the test helper gives the RFC's code at T=%i", (seconds, code) => {
    expect(hotp(base32Decode(SECRET_BASE32), Math.floor(seconds / 30), 8)).toBe(code);
  });

  it.each(VECTORS)('the app accepts the 6-digit code of T=%i in its own step', (seconds, code) => {
    expect(matchingStep(SECRET_BASE32, code.slice(2), seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it.each(VECTORS)('the app accepts the code of T=%i one step early or late, and not two', (seconds, code) => {
    const step = Math.floor(seconds / 30);
    expect(matchingStep(SECRET_BASE32, code.slice(2), (seconds + 30) * 1000)).toBe(step);
    expect(matchingStep(SECRET_BASE32, code.slice(2), (seconds - 30) * 1000)).toBe(step);
    expect(matchingStep(SECRET_BASE32, code.slice(2), (seconds + 60) * 1000)).toBeNull();
  });
});
