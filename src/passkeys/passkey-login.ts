import type { AuditLog } from '../audit/audit.service';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import mongoose, { Types } from 'mongoose';
import type { WebAuthnSettings } from './webauthn.config';
import { unauthorized } from '../errors/http-error';
import type { MfaRequired } from '../mfa/mfa.schemas';
import type { OpenedSession, SessionService } from '../sessions/sessions.service';
import { User } from '../users/user.model';
import { issueChallenge, spendChallenge, type SpentChallenge } from './challenges';
import { Passkey } from './passkey.model';
import type { AuthenticationResponse, PasskeyLoginInput } from './passkeys.schemas';
import { challengeBytes, expected, userHandleOf } from './relying-party';
import { webauthn } from './webauthn';

export type PasskeyLoginDeps = {
  rp: WebAuthnSettings;
  sessions: SessionService;
  digest: (value: string) => string;
  audit: AuditLog;
  // the answer of a first factor when a second is owed (src/mfa/mfa.service.ts)
  mfaChallenge?: (
    user: { _id: Types.ObjectId; passwordChangedAt?: Date | null },
    userAgent?: string,
    amr?: string[],
  ) => Promise<MfaRequired>;
};

export type LoginOptions = { challengeId: string; options: PublicKeyCredentialRequestOptionsJSON };

const DECOY_ID_BYTES = 16;
const invalidCredentials = () => unauthorized('INVALID_CREDENTIALS', 'The passkey was not accepted');

/** A passkey login, alone (discoverable, or for an email) or as the second factor of a password login. */
export function createPasskeyLogin({ rp, sessions, digest, audit, mfaChallenge }: PasskeyLoginDeps) {
  // An email with no passkey (unknown, or an account without one) gets a credential id made up from it under
  // the server's key: stable across requests, shaped like a real one, so the answer tells nothing.
  const decoy = (email: string) => [
    {
      id: Buffer.from(digest(`passkey-decoy:${email}`), 'base64url')
        .subarray(0, DECOY_ID_BYTES)
        .toString('base64url'),
      transports: ['hybrid', 'internal'],
    },
  ];

  async function options(email?: string): Promise<LoginOptions> {
    const user = email === undefined ? null : await User.findOne({ email }, { _id: 1 }).lean();
    // read even for an unknown email, so both answers take the same steps
    const passkeys =
      email === undefined
        ? []
        : await Passkey.find({ userId: user?._id ?? new Types.ObjectId() }, { credentialId: 1, transports: 1 }).lean();
    const allow = passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports }));
    const { challengeId, challenge } = await issueChallenge('login', user?._id.toString() ?? null, email === undefined);
    const allowCredentials = email === undefined ? undefined : allow.length > 0 ? allow : decoy(email);
    const { generateAuthenticationOptions } = await webauthn();
    return {
      challengeId,
      options: await generateAuthenticationOptions({
        rpID: rp.rpId,
        challenge: challengeBytes(challenge),
        allowCredentials,
        userVerification: 'preferred',
      }),
    };
  }

  async function logIn(input: PasskeyLoginInput, userAgent?: string): Promise<OpenedSession | MfaRequired> {
    const spent = await spendChallenge({ challengeId: input.challengeId }, 'login');
    const proof = spent && (await verifyAssertion(spent, input.response));
    if (!proof) throw invalidCredentials();
    // TOTP on: a passkey that did not verify the person is something they have, one factor, as a password is
    if (!proof.userVerified && mfaChallenge) {
      const user = await User.findById(proof.userId).select('+mfa').lean();
      if (user?.mfa?.totpSecret) return mfaChallenge(user, userAgent, ['hwk']);
    }
    const session = await sessions.open(proof.userId, userAgent, proof.userVerified ? ['hwk', 'user'] : ['hwk']);
    // an operator who disabled the account meanwhile revoked its sessions before this one existed
    if (!(await enabledUser(proof.userId))) {
      await sessions.removeOne(session.sessionId);
      throw invalidCredentials();
    }
    await audit.record({ type: 'passkey.login', userId: proof.userId, sessionId: session.sessionId });
    return session;
  }

  /** The second factor of a password login: a passkey of that very user, for a live login challenge. */
  async function proveSecondFactor(
    userId: string,
    challengeId: string,
    response: AuthenticationResponse,
  ): Promise<boolean> {
    return (await proveUser(userId, challengeId, response)) !== null;
  }

  /** A passkey of this very user signed a live login challenge: whether the authenticator verified the person. */
  async function proveUser(
    userId: string,
    challengeId: string,
    response: AuthenticationResponse,
  ): Promise<{ userVerified: boolean } | null> {
    const spent = await spendChallenge({ challengeId }, 'login');
    const proof = spent && (await verifyAssertion(spent, response));
    return proof?.userId === userId ? { userVerified: proof.userVerified } : null;
  }

  /**
   * The signature, over this challenge, by a credential of the user the challenge was made for, with a
   * counter that grew; the new counter is written only if no parallel use wrote one as high first.
   */
  async function verifyAssertion(
    spent: SpentChallenge,
    response: AuthenticationResponse,
  ): Promise<{ userId: string; userVerified: boolean } | null> {
    const passkey = await Passkey.findOne({ credentialId: response.id }).lean();
    if (!passkey || (!spent.anyUser && !spent.userId?.equals(passkey.userId))) return null;
    const userId = passkey.userId.toString();
    const handle = response.response.userHandle;
    if (handle !== undefined && handle !== Buffer.from(userHandleOf(userId)).toString('base64url')) return null;
    const credential = {
      id: passkey.credentialId,
      publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
      counter: passkey.counter,
      transports: passkey.transports,
    };
    const { verifyAuthenticationResponse } = await webauthn();
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: spent.challenge,
      ...expected(rp),
      credential,
      requireUserVerification: false,
    }).catch(() => null);
    if (!verified?.verified) return null;
    const { newCounter, userVerified } = verified.authenticationInfo;
    const counter = newCounter > 0 ? mongoose.trusted({ $lt: newCounter }) : 0;
    const used = await Passkey.updateOne(
      { _id: passkey._id, counter },
      { $set: { counter: newCounter, lastUsedAt: new Date() } },
    );
    if (used.matchedCount !== 1 || !(await enabledUser(userId))) return null;
    return { userId, userVerified };
  }

  const enabledUser = async (userId: string) =>
    (await User.exists({ _id: userId, disabled: mongoose.trusted({ $ne: true }) })) !== null;

  return { options, logIn, proveSecondFactor, proveUser };
}

export type PasskeyLogin = ReturnType<typeof createPasskeyLogin>;
