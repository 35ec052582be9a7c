import type { WebAuthnSettings } from './webauthn.config';
import type { AuthenticationResponse, RegistrationResponse } from './passkeys.schemas';

// EdDSA, ES256, RS256: what passkeys and security keys sign with. Offered and accepted alike.
export const ALGORITHMS = [-8, -7, -257];

/** The challenge a browser signed, read from its clientDataJSON; null when that is not JSON of the right shape. */
export function signedChallenge(response: RegistrationResponse | AuthenticationResponse): string | null {
  try {
    const clientData: unknown = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8'));
    const challenge = (clientData as { challenge?: unknown })?.challenge;
    return typeof challenge === 'string' && challenge.length <= 256 ? challenge : null;
  } catch {
    return null;
  }
}

/** The WebAuthn user handle of an account: its id's 12 bytes (nothing personal). */
export const userHandleOf = (userId: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(userId, 'hex'));

/** As bytes, so that the options carry the very base64url string that was stored. */
export const challengeBytes = (challenge: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(Buffer.from(challenge, 'base64url'));

export const expected = (rp: WebAuthnSettings) => ({ expectedOrigin: rp.origins, expectedRPID: rp.rpId });
