import { conflict, unauthorized } from '../errors/http-error';
import type { AuthResult } from '../openapi/response.schemas';
import type { AccountLimits } from '../limits/rate-limits';
import type { OpenedSession, SessionService } from '../sessions/sessions.service';
import { User } from '../users/user.model';
import type { LoginInput, RegisterInput } from './auth.schemas';
import { hashPassword, verifyPassword } from './password';
import type { Tokens } from './tokens';

export type AuthServiceDeps = { tokens: Tokens; sessions: SessionService; limits: AccountLimits; bcryptCost: number };

const DUPLICATE_KEY = 11000;

export function createAuthService({ tokens, sessions, limits, bcryptCost }: AuthServiceDeps) {
  const answer = (session: OpenedSession): AuthResult => ({
    auth: true,
    token: tokens.sign(session.userId, session.sessionId),
    refreshToken: session.refreshToken,
    expiresIn: tokens.expiresIn,
  });

  async function registerUser(input: RegisterInput, userAgent?: string): Promise<AuthResult> {
    const password = await hashPassword(input.password, bcryptCost);
    const user = await User.create({ name: input.name, email: input.email, password }).catch((error: { code?: number }) => {
      // the unique index decides a race of registrations, not a read before the write
      throw error.code === DUPLICATE_KEY ? conflict('EMAIL_TAKEN', 'Email is already registered') : error;
    });
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
    const [session] = await Promise.all([sessions.open(user._id.toString(), userAgent), limits.resetAccount(input.email)]);
    return answer(session);
  }

  async function refresh(refreshToken: string): Promise<AuthResult> {
    return answer(await sessions.rotate(refreshToken));
  }

  return { registerUser, logIn, refresh };
}

export type AuthService = ReturnType<typeof createAuthService>;
