import { conflict, unauthorized } from '../errors/http-error';
import { User } from '../users/user.model';
import type { LoginInput, RegisterInput } from './auth.schemas';
import { hashPassword, verifyPassword } from './password';
import type { Tokens } from './tokens';

export type AuthResult = { auth: true; token: string };
export type AuthServiceDeps = { tokens: Tokens; bcryptCost: number };

const DUPLICATE_KEY = 11000;

export function createAuthService({ tokens, bcryptCost }: AuthServiceDeps) {
  async function registerUser(input: RegisterInput): Promise<AuthResult> {
    const password = await hashPassword(input.password, bcryptCost);
    try {
      const user = await User.create({ name: input.name, email: input.email, password });
      return { auth: true, token: tokens.sign(user.id) };
    } catch (error) {
      // the unique index decides a race of registrations, not a read before the write
      if ((error as { code?: number }).code === DUPLICATE_KEY) throw conflict('EMAIL_TAKEN', 'Email is already registered');
      throw error;
    }
  }

  async function logIn(input: LoginInput): Promise<AuthResult> {
    const user = await User.findOne({ email: input.email }).select('+password').lean();
    const valid = await verifyPassword(input.password, user?.password, bcryptCost);
    if (!user || !valid) throw unauthorized('INVALID_CREDENTIALS', 'Email or password is incorrect');
    return { auth: true, token: tokens.sign(user._id.toString()) };
  }

  return { registerUser, logIn };
}

export type AuthService = ReturnType<typeof createAuthService>;
