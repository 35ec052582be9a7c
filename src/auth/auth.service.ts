import { conflict, unauthorized } from '../errors/http-error';
import type { OpenedSession, SessionService } from '../sessions/sessions.service';
import { User } from '../users/user.model';
import type { LoginInput, RegisterInput } from './auth.schemas';
import { hashPassword, verifyPassword } from './password';
import type { Tokens } from './tokens';

export type AuthResult = { auth: true; token: string; refreshToken: string; expiresIn: number };
export type AuthServiceDeps = { tokens: Tokens; sessions: SessionService; bcryptCost: number };

const DUPLICATE_KEY = 11000;

export function createAuthService({ tokens, sessions, bcryptCost }: AuthServiceDeps) {
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
    const user = await User.findOne({ email: input.email }).select('+password').lean();
    const valid = await verifyPassword(input.password, user?.password, bcryptCost);
    if (!user || !valid) throw unauthorized('INVALID_CREDENTIALS', 'Email or password is incorrect');
    return answer(await sessions.open(user._id.toString(), userAgent));
  }

  async function refresh(refreshToken: string): Promise<AuthResult> {
    return answer(await sessions.rotate(refreshToken));
  }

  return { registerUser, logIn, refresh };
}

export type AuthService = ReturnType<typeof createAuthService>;
