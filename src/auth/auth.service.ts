import { conflict, forbidden, unauthorized } from '../errors/http-error';
import type { AuthResult } from '../openapi/response.schemas';
import type { AccountLimits } from '../limits/rate-limits';
import type { PendingVerification } from '../recovery/recovery.schemas';
import type { OpenedSession, SessionService } from '../sessions/sessions.service';
import { User } from '../users/user.model';
import type { LoginInput, RegisterInput } from './auth.schemas';
import { hashPassword, verifyPassword } from './password';
import type { Tokens } from './tokens';

/** `required`: REQUIRE_VERIFIED_EMAIL. `mailLink`: mails a new user the link that verifies the address. */
export type EmailVerificationHooks = { required: boolean; mailLink: (userId: string, email: string) => Promise<void> };

export type AuthServiceDeps = { tokens: Tokens; sessions: SessionService; limits: AccountLimits; bcryptCost: number; verification?: EmailVerificationHooks };

const DUPLICATE_KEY = 11000;

export function createAuthService({ tokens, sessions, limits, bcryptCost, verification }: AuthServiceDeps) {
  const answer = (session: OpenedSession): AuthResult => ({
    auth: true,
    token: tokens.sign(session.userId, session.sessionId),
    refreshToken: session.refreshToken,
    expiresIn: tokens.expiresIn,
  });

  async function registerUser(input: RegisterInput, userAgent?: string): Promise<AuthResult | PendingVerification> {
    const password = await hashPassword(input.password, bcryptCost);
    const user = await User.create({ name: input.name, email: input.email, password }).catch((error: { code?: number }) => {
      // the unique index decides a race of registrations, not a read before the write
      throw error.code === DUPLICATE_KEY ? conflict('EMAIL_TAKEN', 'Email is already registered') : error;
    });
    await verification?.mailLink(user.id, user.email);
    if (verification?.required) return { auth: false, emailVerificationRequired: true };
    return answer(await sessions.open(user.id, userAgent));
  }

  async function logIn(input: LoginInput, userAgent?: string): Promise<AuthResult> {
    // a blocked account answers 429 whether the password is right or not: the check comes first
    const [user] = await Promise.all([User.findOne({ email: input.email }).select('+password').lean(), limits.checkAccount(input.email)]);
    const valid = await verifyPassword(input.password, user?.password, bcryptCost);
    if (!user || !valid) {
      await limits.recordFailure(input.email); // unknown emails count too, so both answer alike
      throw unauthorized('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    if (verification?.required && !user.emailVerified) throw forbidden('EMAIL_NOT_VERIFIED', 'Confirm your email address with the link mailed to you first');
    const [session] = await Promise.all([sessions.open(user._id.toString(), userAgent), limits.resetAccount(input.email)]);
    return answer(session);
  }

  async function refresh(refreshToken: string): Promise<AuthResult> {
    return answer(await sessions.rotate(refreshToken));
  }

  return { registerUser, logIn, refresh };
}

export type AuthService = ReturnType<typeof createAuthService>;
