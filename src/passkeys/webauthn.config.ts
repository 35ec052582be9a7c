import { commaList } from '../comma-list';
import { ConfigError } from '../errors/config-error';

/** The WebAuthn relying party: passkeys are bound to rpId, and ceremonies are accepted from these origins only. */
export type WebAuthnSettings = { rpId: string; rpName: string; origins: string[] };

// WebAuthn's own rule: an origin may use the RP ID only when its host is that domain or below it, and it
// must be https unless it is localhost.
export function webauthnOrigins(value: string, rpId: string): string[] {
  const origins = commaList(value);
  for (const origin of origins) {
    const url = URL.canParse(origin) ? new URL(origin) : null;
    const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && url.hostname === 'localhost');
    if (!url || url.origin !== origin || !secure)
      throw new ConfigError(
        `Invalid configuration: WEBAUTHN_ORIGINS ${origin} must be an origin like https://example.com (http only ` +
          `for localhost), without a path`,
      );
    if (url.hostname !== rpId && !url.hostname.endsWith(`.${rpId}`))
      throw new ConfigError(
        `Invalid configuration: WEBAUTHN_ORIGINS ${origin} is not on WEBAUTHN_RP_ID ${rpId} or a subdomain of it`,
      );
  }
  if (origins.length === 0)
    throw new ConfigError('Invalid configuration: WEBAUTHN_ORIGINS must name at least one origin');
  return origins;
}
