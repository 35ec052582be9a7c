import { setTimeout as delay } from 'node:timers/promises';
import mongoose from 'mongoose';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { AuditLog } from '../audit/audit.service';
import type { RecoverySettings } from '../config';
import { forbidden, serviceUnavailable } from '../errors/http-error';
import type { AccountLimits } from '../limits/rate-limits';
import { lazyMongoLimiter } from '../limits/mongo-limiter';
import { templates } from '../mail/mail.templates';
import type { BackgroundWork } from '../mail/background';
import type { MfaRequired } from '../mfa/mfa.schemas';
import { wrongCode } from '../mfa/second-factor';
import { invalidToken } from '../recovery/email-verification.service';
import { FORGOT_ANSWER_MS } from '../recovery/password-reset.service';
import type { RecoveryMail } from '../recovery/recovery.mail';
import type { OpenedSession, SessionService } from '../sessions/sessions.service';
import { newChallenge, useCode, useToken, type Keyed } from './email-challenges';
import type { EmailVerifyInput } from './email-sign-in.schemas';
import { createEmailAccounts } from './email-accounts';

export type EmailSignInDeps = {
  settings: RecoverySettings;
  mail: RecoveryMail;
  background: BackgroundWork;
  sessions: SessionService;
  limits: AccountLimits;
  keyed: Keyed;
  audit: AuditLog;
  mfaChallenge: (user: { _id: mongoose.Types.ObjectId }, userAgent?: string, amr?: string[]) => Promise<MfaRequired>;
};

export const EMAIL_MAILS_PER_15_MINUTES = 3;
export const EMAIL_AMR = ['email'];
const accountDisabled = () => forbidden('ACCOUNT_DISABLED', "This account is disabled; contact the service's support");

/** Sign in by email (contract v1.10): a mailed link or 6-digit code, no password. */
export function createEmailSignIn(deps: EmailSignInDeps) {
  const { settings, mail, background, sessions, limits, keyed, audit, mfaChallenge } = deps;
  const mails = lazyMongoLimiter({ keyPrefix: 'email-sign-in', points: EMAIL_MAILS_PER_15_MINUTES, duration: 900 });
  const accounts = createEmailAccounts({ sessions, audit });

  /** Tells nothing about the account, as a forgotten password does: the same answer, in about the same time. */
  async function start(email: string): Promise<void> {
    if (!settings.mailBeforeAnswer) {
      if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected) throw serviceUnavailable();
      background.run('email sign-in request', () => sendChallenge(email));
      return;
    }
    // on Lambda nothing runs after the answer: the work first, every answer held to the same time
    await Promise.all([background.now('email sign-in request', () => sendChallenge(email)), delay(FORGOT_ANSWER_MS)]);
  }

  async function sendChallenge(email: string): Promise<void> {
    const user = await accounts.byEmail(email);
    if ((!user && !settings.emailSignUp) || !(await withinLimit(email))) return; // still 202: no hint
    const { token, code } = await newChallenge(email, user?._id ?? null, settings.emailSignInTtl, keyed);
    const url = `${settings.appUrl}/sign-in?token=${encodeURIComponent(token)}`;
    await mail.notice(email, templates.signIn(url, code, settings.emailSignInTtl));
  }

  async function withinLimit(email: string): Promise<boolean> {
    try {
      await mails().consume(email);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      throw rejection;
    }
  }

  /** The link's token, or the address and its code: a session, or the second step when TOTP is on. */
  async function verify(input: EmailVerifyInput, userAgent?: string): Promise<OpenedSession | MfaRequired> {
    if ('token' in input) {
      const challenge = await useToken(input.token);
      if (!challenge) throw invalidToken();
      return signIn(challenge, userAgent);
    }
    // a wrong code is a failed attempt of the account, and a code for an address with no challenge answers
    // alike, so that no answer tells whether an account (or a challenge) exists
    const attempt = await limits.reserveAttempt(input.email);
    const { challenge, wrong } = await useCode(input.email, input.code, keyed);
    if (!challenge) {
      await Promise.all([attempt.failed(), wrong ? audit.record({ type: 'email.login-failed' }) : undefined]);
      throw wrongCode();
    }
    try {
      const answer = await signIn(challenge, userAgent);
      await ('mfaRequired' in answer ? attempt.released() : attempt.succeeded());
      return answer;
    } catch (error) {
      await attempt.released();
      throw error;
    }
  }

  async function signIn(
    challenge: { email: string; userId?: mongoose.Types.ObjectId | null },
    userAgent?: string,
  ): Promise<OpenedSession | MfaRequired> {
    const user = await accounts.proven(challenge.email, challenge.userId ?? null);
    if (!user) throw invalidToken(); // the account is gone, or left this address
    if (user.disabled) throw accountDisabled();
    if (user.mfa?.totpSecret) return mfaChallenge(user, userAgent, EMAIL_AMR);
    const userId = user._id.toString();
    const session = await sessions.open(userId, userAgent, EMAIL_AMR);
    await audit.record({ type: 'email.login', userId, sessionId: session.sessionId });
    return session;
  }

  return { start, verify };
}

export type EmailSignIn = ReturnType<typeof createEmailSignIn>;
