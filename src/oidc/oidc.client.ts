import * as client from 'openid-client';
import type { OidcProvider } from './oidc.config';

// discovery, token and key requests: a provider that hangs is "down", not a hang of ours
const PROVIDER_TIMEOUT_SECONDS = 5;

export type Checks = { state: string; nonce: string; codeVerifier: string; reauthenticate?: boolean };
// a re-authentication: the ID token's auth_time must be at most this old (plus openid-client's clock tolerance)
const REAUTHENTICATION_SECONDS = 60;
export type IdClaims = { sub: string; email: string | null; emailVerified: boolean; name: string | null };

/** The provider could not be reached (or answered no discovery document) within the time limit. */
export class ProviderUnavailable extends Error {}

/**
 * One openid-client Configuration per provider, discovered on first use and kept; a failed discovery is
 * forgotten, so the next request tries again. openid-client checks the ID token's signature (the provider's
 * JWKS, with non-repudiation checks on), issuer, audience, expiry and, given `expectedNonce`, its nonce.
 */
export function createOidcClients(apiUrl: string, production: boolean) {
  const configs = new Map<string, Promise<client.Configuration>>();
  const redirectUri = (provider: OidcProvider) => `${apiUrl}/auth/oidc/${provider.id}/callback`;

  function configOf(provider: OidcProvider): Promise<client.Configuration> {
    let config = configs.get(provider.id);
    if (!config) {
      // http:// issuers (the test provider on loopback) outside production only; config.ts refuses them in production
      const insecure = !production && provider.issuer.startsWith('http://');
      const options = {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      };
      config = client
        .discovery(
          new URL(provider.issuer),
          provider.clientId,
          undefined,
          client.ClientSecretBasic(provider.clientSecret),
          options,
        )
        .then((discovered) => {
          // openid-client trusts TLS for an ID token from the token endpoint (OIDC Core 3.1.3.7) unless told to check
          // its signature too
          client.enableNonRepudiationChecks(discovered);
          return discovered;
        })
        .catch((error: unknown) => {
          configs.delete(provider.id);
          throw new ProviderUnavailable(`discovery of ${provider.id} failed: ${(error as Error).message}`);
        });
      configs.set(provider.id, config);
    }
    return config;
  }

  /** The provider's authorization URL for this flow: code flow, PKCE S256, state and nonce. */
  async function authorizationUrl(provider: OidcProvider, checks: Checks): Promise<string> {
    const config = await configOf(provider);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri(provider),
      scope: provider.scopes.join(' '),
      response_type: 'code',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      // OIDC Core 3.1.2.1: the provider must prove the person again rather than reuse its own session
      ...(checks.reauthenticate ? { prompt: 'login', max_age: '0' } : {}),
    });
    return url.href;
  }

  /** Trades the callback's code for tokens and answers the ID token's claims, once every check passed. */
  async function signIn(provider: OidcProvider, callbackQuery: string, checks: Checks): Promise<IdClaims> {
    const config = await configOf(provider);
    const currentUrl = new URL(`${redirectUri(provider)}?${callbackQuery}`);
    const claims = await verifiedClaims(config, currentUrl, checks).catch((error: unknown) => {
      throw isUnreachable(error) ? new ProviderUnavailable((error as Error).message) : error;
    });
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;
    return {
      sub: claims.sub,
      email,
      emailVerified: claims.email_verified === true,
      name: typeof claims.name === 'string' ? claims.name.slice(0, 100) : null,
    };
  }

  async function verifiedClaims(config: client.Configuration, currentUrl: URL, checks: Checks) {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
      ...(checks.reauthenticate ? { maxAge: REAUTHENTICATION_SECONDS } : {}),
    });
    const idToken = tokens.claims();
    if (!idToken) throw new Error('no ID token');
    // a provider may keep email out of the ID token (OIDC Core 5.4): then its UserInfo, for the same subject, tells
    if (typeof idToken.email === 'string') return idToken;
    return { ...(await client.fetchUserInfo(config, tokens.access_token, idToken.sub)), sub: idToken.sub };
  }

  return { configOf, authorizationUrl, signIn, redirectUri };
}

// fetch's network failures and its timeout, as opposed to a provider that answered something wrong
function isUnreachable(error: unknown): boolean {
  const name = (error as Error)?.name;
  const cause = (error as { cause?: { name?: string } })?.cause?.name;
  return (
    (error instanceof TypeError && /fetch failed/.test(error.message)) ||
    [name, cause].some((n) => n === 'TimeoutError' || n === 'AbortError')
  );
}

export type OidcClients = ReturnType<typeof createOidcClients>;
