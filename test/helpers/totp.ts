import { createHmac } from 'node:crypto';

// RFC 6238 written out with node's HMAC, independent of the otpauth library the app uses.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  let bits = '';
  for (const char of text.replace(/=+$/, '').toUpperCase()) bits += BASE32.indexOf(char).toString(2).padStart(5, '0');
  return Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
}

export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code of a base32 secret `steps` time steps away from now (30 s each). */
export const totpCode = (secret: string, steps = 0, now = Date.now()) =>
  hotp(base32Decode(secret), Math.floor(now / 30_000) + steps);

/** Waits, if needed, until at least `margin` ms are left in the current 30 s step, so a code does not roll over mid-test. */
export async function awayFromStepEdge(margin = 3000): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
