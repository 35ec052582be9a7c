import { createHash, randomBytes } from 'node:crypto';

/** An opaque refresh token: 256 random bits, base64url. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps instead of the token: a leak of the collection hands out nothing usable. */
export const hashRefreshToken = (token: string): string => createHash('sha256').update(token).digest('hex');
