import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** `whsec_` + base64 of 32 random bytes, as Standard Webhooks writes a secret. */
export const newSecret = () => `${PREFIX}${randomBytes(32).toString('base64')}`;

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` under the secret's bytes (Standard Webhooks). */
export function sign(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`;
}

/** The `webhook-signature` header: one signature per live secret, space-separated. */
export const signatureHeader = (secrets: string[], messageId: string, timestamp: number, body: string) =>
  secrets.map((secret) => sign(secret, messageId, timestamp, body)).join(' ');
