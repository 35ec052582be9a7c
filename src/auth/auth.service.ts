import type { AuditLog } from '../audit/audit.service';
import { conflict, forbidden, HttpError, unauthorized } from '../errors/http-error';
import type { AuthResult } from '../auth/auth.schemas';
import type { AccountLimits } from '../limits/rate-limits';
import type { MfaRequired } from '../mfa/mfa.schemas';
import type { MfaService } from '../mfa/mfa.service';
import type { PendingVerification } from '../recovery/recovery.schemas';
import type { OpenedSession, SessionService } from '../sessions/sessions.service';
import { credentialsUnchanged, findForLogin, User } from '../users/user.model';
import type { LoginInput, RegisterInput } from './auth.schemas';
import { hashPassword, needsRehash, verifyPassword } from './password';
import type { PasswordPolicy } from './password-policy';
import type { ActiveOrg, Tokens } from './tokens';
import { roleOf } from '../orgs/org-access';
import type { Role } from '../orgs/org.model';
import { entitlementsOf, readEntitledUser, type EntitledUser } from './entitlements';
import { pendingEvent } from '../webhooks/events';

/** `required`: REQUIRE_VERIFIED_EMAIL. `mailLink`: mails a new user the link that verifies the address. */
export type EmailVerificationHooks = { required: boolean; mailLink: (userId: string, email: string) => Promise<void> };

export type AuthServiceDeps = {
  tokens: Tokens;
  sessions: SessionService;
  limits: AccountLimits;
  bcryptCost: number;
  passwordPolicy: PasswordPolicy;
  mfaChallenge: MfaService['challenge'];
  audit: AuditLog;
  verification?: EmailVerificationHooks;
};

const DUPLICATE_KEY = 11000;
const invalidCredentials = () => unauthorized('INVALID_CREDENTIALS', 'Email or password is incorrect');
const accountDisabled = () => forbidden('ACCOUNT_DISABLED', "This account is disabled; contact the service's support");

export function createAuthService({
  tokens,
  sessions,
  limits,
  bcryptCost,
  passwordPolicy,
  mfaChallenge,
  audit,
  verification,
}: AuthServiceDeps) {
  // The claims are computed here, from the user as just read: a grant or an expiry shows at the next refresh.
  const answer = (session: OpenedSession, user: EntitledUser | null, org?: ActiveOrg | null): AuthResult => ({
    auth: true,
    token: tokens.sign(session.userId, session.sessionId, session.amr, entitlementsOf(user), session.authTime, org),
    refreshToken: session.refreshToken,
    expiresIn: tokens.expiresIn,
  });

  /**
   * For a session opened without its user at hand (a refresh, an MFA login): one more read, by _id. A session
   * with an active organization also reads the user's role in it, beside (unless just read: `role`); a
   * membership that is gone is dropped.
   */
  async function issue(session: OpenedSession, role?: Role): Promise<AuthResult> {
    const { orgId, userId } = session;
    const [user, orgRole] = await Promise.all([
      readEntitledUser(userId),
      orgId ? (role ?? roleOf(orgId, userId)) : null,
    ]);
    if (orgId && !orgRole) await sessions.dropOrg(session.sessionId, orgId);
    return answer(session, user, orgId && orgRole ? { id: orgId, role: orgRole } : null);
  }

  async function registerUser(input: RegisterInput, userAgent?: string): Promise<AuthResult | PendingVerification> {
    await passwordPolicy.check(input.password);
    const password = await hashPassword(input.password, bcryptCost);
    const created = { name: input.name, email: input.email, password, pendingEvents: [pendingEvent('user.created')] };
    const user = await User.create(created).catch((error: Error & { code?: number }) => {
      // the unique index decides a race of registrations, not a read before the write
      throw error.code === DUPLICATE_KEY ? conflict('EMAIL_TAKEN', 'Email is already registered') : error;
    });
    await verification?.mailLink(user.id, user.email);
    if (verification?.required) {
      await audit.record({ type: 'register', userId: user.id });
      return { auth: false, emailVerificationRequired: true };
    }
    const [session] = await Promise.all([
      sessions.open(user.id, userAgent),
      audit.record({ type: 'register', userId: user.id }),
    ]);
    return answer(session, user);
  }

  async function logIn(input: LoginInput, userAgent?: string): Promise<AuthResult | MfaRequired> {
    // the attempt is counted before the password is checked: a blocked account answers 429, right password or not
    const [user, attempt] = await Promise.all([findForLogin(input.email), reserve(input.email)]);
    const valid = await verifyPassword(input.password, user?.password, bcryptCost); // a dummy hash for an unknown email
    if (!user || !valid) {
      // an unknown email's attempt counts too
      await Promise.all([attempt.failed(), audit.record({ type: 'login.failed', userId: user?._id.toString() })]);
      throw invalidCredentials();
    }
    if (user.disabled) {
      await Promise.all([attempt.released(), audit.record({ type: 'login.refused', userId: user._id.toString() })]);
      throw accountDisabled();
    }
    if (verification?.required && !user.emailVerified) {
      await attempt.released();
      throw forbidden('EMAIL_NOT_VERIFIED', 'Confirm your email address with the link mailed to you first');
    }
    if (user.mfa?.totpSecret) {
      // the count of wrong codes stands: a known password must not wipe it
      const [step] = await Promise.all([
        mfaChallenge(user, userAgent),
        attempt.released(),
        upgradeHash(user, input.password),
      ]);
      return step;
    }
    const userId = user._id.toString();
    const [session] = await Promise.all([
      sessions.open(userId, userAgent),
      attempt.succeeded(),
      upgradeHash(user, input.password),
      audit.record({ type: 'login.succeeded', userId }),
    ]);
    // A password change or a deletion that committed while the password was checked must not leave this
    // session behind: they revoke sessions after their write, and this read comes after this session's.
    if (!(await credentialsUnchanged(user))) {
      await sessions.removeOne(session.sessionId);
      throw invalidCredentials();
    }
    return answer(session, user);
  }

  // a blocked attempt is audited (without knowing whose account it is: the email's user is not read yet)
  async function reserve(email: string) {
    return limits.reserveAttempt(email).catch(async (error: unknown) => {
      if (error instanceof HttpError && error.status === 429)
        await audit.record({
          type: 'login.blocked',
          userId: (await User.findOne({ email }, { _id: 1 }).lean())?._id.toString(),
        });
      throw error;
    });
  }

  // A hash of another cost than BCRYPT_COST is made again, unless the password changed meanwhile.
  async function upgradeHash(user: { _id: unknown; password?: string | null }, password: string): Promise<void> {
    if (!user.password || !needsRehash(user.password, bcryptCost)) return;
    await User.updateOne(
      { _id: user._id, password: user.password },
      { $set: { password: await hashPassword(password, bcryptCost) } },
    );
  }

  /**
   * The rotation stays one atomic update; the user is read after. Choosing an organization checks the
   * membership first, so that a refused choice (403 NOT_A_MEMBER) leaves the refresh token unspent.
   */
  async function refresh(refreshToken: string, organizationId?: string | null): Promise<AuthResult> {
    if (organizationId) {
      const userId = await sessions.userOfRefreshToken(refreshToken);
      const role = userId ? await roleOf(organizationId, userId) : null;
      if (userId && !role) throw forbidden('NOT_A_MEMBER', 'You are not a member of this organization');
    }
    // the role is read again after the rotation stored the choice: a removal in between drops `org` (issue)
    return issue(await sessions.rotate(refreshToken, organizationId));
  }

  return { registerUser, logIn, refresh, answer, issue };
}

export type AuthService = ReturnType<typeof createAuthService>;
