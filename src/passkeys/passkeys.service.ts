import type { AuditLog } from '../audit/audit.service';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import { isValidObjectId } from 'mongoose';
import type { WebAuthnSettings } from './webauthn.config';
import { badRequest, notFound, unauthorized } from '../errors/http-error';
import { User } from '../users/user.model';
import { emailNotVerified, requireVerifiedEmail } from '../users/verified-email';
import { issueChallenge, spendChallenge } from './challenges';
import { Passkey, type PasskeyDocument } from './passkey.model';
import type { PasskeyView, RegisterPasskeyInput } from './passkeys.schemas';
import { ALGORITHMS, challengeBytes, expected, signedChallenge, userHandleOf } from './relying-party';
import { webauthn } from './webauthn';

const DUPLICATE_KEY = 11000;
export const invalidPasskey = (detail = 'The passkey response is not valid for a live challenge of this account') =>
  badRequest('INVALID_PASSKEY', detail);

export const toPasskeyView = (
  passkey: Pick<PasskeyDocument, '_id' | 'name' | 'createdAt' | 'lastUsedAt'>,
): PasskeyView => ({
  id: passkey._id.toString(),
  name: passkey.name,
  createdAt: passkey.createdAt.toISOString(),
  lastUsedAt: passkey.lastUsedAt ? passkey.lastUsedAt.toISOString() : null,
});

/** The signed-in user's passkeys: register (options, then the browser's answer), list, remove. */
export function createPasskeyService(
  rp: WebAuthnSettings,
  audit: AuditLog,
  onAdded: (userId: string, method: string) => Promise<void> = () => Promise.resolve(),
) {
  async function registrationOptions(userId: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const [user, existing] = await Promise.all([
      User.findById(userId, { email: 1, name: 1, emailVerified: 1 }).lean(),
      Passkey.find({ userId }, { credentialId: 1, transports: 1 }).lean(),
    ]);
    if (!user) throw unauthorized('UNAUTHORIZED', 'A valid access token of a live session is required');
    if (!user.emailVerified) throw emailNotVerified();
    const { challenge } = await issueChallenge('register', userId);
    return (await webauthn()).generateRegistrationOptions({
      challenge: challengeBytes(challenge),
      rpName: rp.rpName,
      rpID: rp.rpId,
      userName: user.email,
      userID: userHandleOf(userId),
      userDisplayName: user.name ?? user.email,
      attestationType: 'none',
      excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      supportedAlgorithmIDs: ALGORITHMS,
    });
  }

  async function register(userId: string, input: RegisterPasskeyInput): Promise<PasskeyView> {
    await requireVerifiedEmail(userId); // before the challenge is spent: nothing changes
    const challenge = signedChallenge(input.response);
    const spent = challenge && (await spendChallenge({ challenge, userId }, 'register'));
    if (!spent)
      throw invalidPasskey("The registration challenge is unknown, expired, already used or not this account's");
    const { verifyRegistrationResponse } = await webauthn();
    const verified = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: spent.challenge,
      ...expected(rp),
      requireUserVerification: false,
      supportedAlgorithmIDs: ALGORITHMS,
    }).catch(() => null);
    if (!verified?.verified) throw invalidPasskey();
    const { credential, credentialBackedUp } = verified.registrationInfo;
    const count = await Passkey.countDocuments({ userId });
    const passkey = await Passkey.create({
      userId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? input.response.response.transports ?? [],
      name: input.name ?? `Passkey ${count + 1}`,
      backedUp: credentialBackedUp,
    }).catch((error: Error & { code?: number }) => {
      // the unique index decides: a credential id belongs to one account
      throw error.code === DUPLICATE_KEY ? invalidPasskey('This passkey is already registered') : error;
    });
    await Promise.all([
      audit.record({ type: 'passkey.added', userId }),
      onAdded(userId, `A passkey ("${passkey.name}")`),
    ]);
    return toPasskeyView(passkey);
  }

  async function list(userId: string): Promise<PasskeyView[]> {
    return (await Passkey.find({ userId }).sort({ createdAt: 1 }).lean()).map(toPasskeyView);
  }

  async function remove(userId: string, passkeyId: string): Promise<void> {
    const removed = isValidObjectId(passkeyId)
      ? await Passkey.deleteOne({ _id: passkeyId, userId })
      : { deletedCount: 0 };
    if (removed.deletedCount !== 1) throw notFound('PASSKEY_NOT_FOUND', 'No such passkey of this user');
    await audit.record({ type: 'passkey.removed', userId });
  }

  const count = (userId: string) => Passkey.countDocuments({ userId });

  return { registrationOptions, register, list, remove, count };
}

export type PasskeyService = ReturnType<typeof createPasskeyService>;
