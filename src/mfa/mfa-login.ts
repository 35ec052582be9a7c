import mongoose from 'mongoose';
import type { AuditLog } from '../audit/audit.service';
import { unauthorized } from '../errors/http-error';
import type { AccountLimits } from '../limits/rate-limits';
import type { OpenedSession, SessionService } from '../sessions/sessions.service';
import { hashRefreshToken } from '../sessions/refresh-token';
import { credentialsUnchanged, User } from '../users/user.model';
import { MfaChallenge } from './mfa-challenge.model';
import type { AuthenticationResponse } from '../passkeys/passkeys.schemas';
import type { MfaVerifyInput } from './mfa.schemas';
import { spendCode, wrongCode, type SecondFactor } from './second-factor';
import type { SecretBox } from './secret-box';

/** A passkey of this user signed this login challenge (src/passkeys/passkey-login.ts). */
export type PasskeyFactor = (userId: string, challengeId: string, response: AuthenticationResponse) => Promise<boolean>;

export type MfaLoginDeps = {
  box: SecretBox;
  sessions: SessionService;
  limits: AccountLimits;
  passkeyFactor?: PasskeyFactor;
  audit: AuditLog;
};

const invalidMfaToken = () =>
  unauthorized('INVALID_MFA_TOKEN', 'The mfaToken is unknown, expired or already used; log in again');

/**
 * The second step of a login. Wrong codes count as failed logins of the account (the same backoff), the
 * mfaToken works until one success, and a password change since the first step voids it.
 */
export function createMfaLogin({ box, sessions, limits, passkeyFactor, audit }: MfaLoginDeps) {
  async function spendFactor(userId: string, input: MfaVerifyInput, firstFactor: string[]): Promise<SecondFactor> {
    if ('code' in input) return spendCode(userId, input.code, box);
    if ('recoveryCode' in input) return spendCode(userId, input.recoveryCode, box);
    if (firstFactor.includes('hwk')) throw wrongCode(); // the first factor was a passkey: the second is a code
    if (!passkeyFactor || !(await passkeyFactor(userId, input.challengeId, input.passkey))) throw wrongCode();
    return 'hwk';
  }

  async function verify(input: MfaVerifyInput, userAgent?: string): Promise<OpenedSession> {
    const tokenHash = hashRefreshToken(input.mfaToken);
    const step = await MfaChallenge.findOne({
      tokenHash,
      usedAt: null,
      expiresAt: mongoose.trusted({ $gt: new Date() }),
    }).lean();
    const user = step && (await User.findById(step.userId, { email: 1, passwordChangedAt: 1, disabled: 1 }).lean());
    if (!step || !user || user.disabled) throw invalidMfaToken();
    const attempt = await limits.reserveAttempt(user.email);
    const userId = user._id.toString();
    const factor = await spendFactor(userId, input, step.amr ?? []).catch(async (error: unknown) => {
      // a wrong code is a failed login of the account
      await Promise.all([attempt.failed(), audit.record({ type: 'mfa.failed', userId })]);
      throw error;
    });
    const used = await MfaChallenge.updateOne({ _id: step._id, usedAt: null }, { $set: { usedAt: new Date() } });
    if (used.modifiedCount !== 1) throw invalidMfaToken(); // a parallel verification won
    const session = await sessions.open(user._id.toString(), userAgent ?? step.userAgent ?? undefined, [
      ...(step.amr?.length ? step.amr : ['pwd']),
      factor,
    ]);
    await Promise.all([
      attempt.succeeded(),
      audit.record({ type: 'mfa.verified', userId, sessionId: session.sessionId }),
    ]);
    if (!(await credentialsUnchanged({ _id: user._id, passwordChangedAt: step.passwordChangedAt }))) {
      await sessions.removeOne(session.sessionId);
      throw invalidMfaToken();
    }
    return session;
  }

  return { verify };
}

export type MfaLogin = ReturnType<typeof createMfaLogin>;
