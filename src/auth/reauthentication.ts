import type { AuditLog } from '../audit/audit.service';
import { HttpError, unauthorized } from '../errors/http-error';
import type { AccountLimits } from '../limits/rate-limits';
import { spendCode } from '../mfa/second-factor';
import type { SecretBox } from '../mfa/secret-box';
import type { PasskeyLogin } from '../passkeys/passkey-login';
import type { OpenedSession, SessionService } from '../sessions/sessions.service';
import { User } from '../users/user.model';
import type { ReauthenticateInput } from './auth.schemas';
import { verifyPassword } from './password';
import type { Caller } from './require-auth';

export type ReauthenticationDeps = {
  sessions: SessionService;
  limits: AccountLimits;
  bcryptCost: number;
  box: SecretBox;
  proveUser: PasskeyLogin['proveUser'];
  audit: AuditLog;
};

type Prover = { _id: unknown; password?: string | null; mfa?: { totpSecret?: string | null } | null };

const invalidCredentials = (detail = 'The password is incorrect') => unauthorized('INVALID_CREDENTIALS', detail);
const sessionGone = () => unauthorized('UNAUTHORIZED', 'A valid access token of a live session is required');

/**
 * POST /auth/reauthenticate: the signed-in user proves who they are again, as strongly as a login asks (a
 * password and, TOTP on, a code; or a passkey, verified by the person when TOTP is on), and the same session
 * gets a new authTime. Each try holds its place in the account's failed-attempt count, as a login does.
 */
export function createReauthentication({ sessions, limits, bcryptCost, box, proveUser, audit }: ReauthenticationDeps) {
  async function reauthenticate(caller: Caller, input: ReauthenticateInput): Promise<OpenedSession> {
    const user = await User.findById(caller.userId).select('+password +mfa').lean();
    if (!user) throw sessionGone();
    const totpOn = Boolean(user.mfa?.totpSecret);
    if (totpOn && input.password !== undefined && input.code === undefined)
      throw unauthorized('INVALID_MFA_CODE', 'This account has TOTP on: give a code (or a recovery code) too');
    const attempt = await limits.reserveAttempt(user.email);
    let amr: string[];
    try {
      amr = await prove(caller.userId, user, totpOn, input);
    } catch (error) {
      const wrong = error instanceof HttpError && error.status === 401;
      await Promise.all([
        wrong ? attempt.failed() : attempt.released(),
        wrong ? audit.record({ type: 'reauthentication.failed', ...caller }) : undefined,
      ]);
      throw error;
    }
    const session = await sessions.reauthenticate(caller.sessionId, caller.userId, amr).catch(async (error) => {
      await attempt.released(); // a parallel rotation came first: the proof was right, nothing is counted
      throw error;
    });
    if (!session) {
      await attempt.released();
      throw sessionGone(); // revoked meanwhile
    }
    await Promise.all([attempt.succeeded(), audit.record({ type: 'reauthenticated', ...caller })]);
    return session;
  }

  async function prove(userId: string, user: Prover, totpOn: boolean, input: ReauthenticateInput): Promise<string[]> {
    if (input.passkey) {
      const proof = await proveUser(userId, input.challengeId ?? '', input.passkey);
      if (!proof) throw invalidCredentials('The passkey was not accepted');
      // TOTP on: a passkey stands for two factors only when the authenticator verified the person
      if (totpOn && !proof.userVerified)
        throw invalidCredentials('This account has TOTP on: the passkey must verify you (PIN or biometrics)');
      return proof.userVerified ? ['hwk', 'user'] : ['hwk'];
    }
    if (!(await verifyPassword(input.password ?? '', user.password ?? undefined, bcryptCost)))
      throw invalidCredentials();
    if (!totpOn) return ['pwd'];
    return ['pwd', await spendCode(userId, input.code ?? '', box)];
  }

  return { reauthenticate };
}

export type Reauthentication = ReturnType<typeof createReauthentication>;
