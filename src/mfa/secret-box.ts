import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM under MFA_ENCRYPTION_KEY: what MongoDB keeps of a TOTP secret is `iv.tag.ciphertext`, useless
 * without the key, and tampering with it fails the tag check. Recovery codes are kept as HMACs under the
 * same key, so that a copy of the database alone cannot be searched for their 50-bit space.
 */
export function createSecretBox(key: Buffer) {
  function seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
  }

  function open(box: string): string {
    const [iv, tag, sealed] = box.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
  }

  const digest = (value: string) => createHmac('sha256', key).update(value).digest('base64url');

  return { seal, open, digest };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
