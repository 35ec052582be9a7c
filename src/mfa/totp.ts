import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

// RFC 6238 as every authenticator app does it: SHA-1, 6 digits, 30 s steps; one step of drift either way.
const PERIOD = 30;
const WINDOW = 1;
const ISSUER = 'authgate';

const totpOf = (secret: string, label = '') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** 160 random bits, base32, as RFC 4226 recommends. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

export const otpauthUri = (secret: string, email: string): string => totpOf(secret, email).toString();

/** The QR code of the otpauth URI as an SVG document, made here: the secret never leaves for a QR service. */
export const qrCodeSvg = (uri: string): Promise<string> =>
  QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

/** The time step a code belongs to (within the drift window), or null: callers refuse steps already used. */
export function matchingStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpOf(secret).validate({ token: code, timestamp: now, window: WINDOW });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}
