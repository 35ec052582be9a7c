import { createAdminService } from './admin/admin.service';
import { requireAdminKey } from './admin/admin-auth';
import { createAuditLog } from './audit/audit.service';
import { createAuthService } from './auth/auth.service';
import { createReauthentication } from './auth/reauthentication';
import { createPasswordPolicy } from './auth/password-policy';
import { createAuthGuards } from './auth/require-auth';
import { createTokens } from './auth/tokens';
import type { Config } from './config';
import { createSessionTransport } from './cookies/session-transport';
import type { Logger } from './logger';
import { createRateLimits } from './limits/rate-limits';
import { createBackgroundWork } from './mail/background';
import { createMailer } from './mail/mailer';
import { createEmailSignIn } from './email-sign-in/email-sign-in.service';
import { createRecoveryMail } from './recovery/recovery.mail';
import { createMfaLogin } from './mfa/mfa-login';
import { createMfaService } from './mfa/mfa.service';
import { createSecretBox } from './mfa/secret-box';
import { createIdentityService } from './oidc/identities.service';
import { createFlowCookie } from './oidc/oidc-browser';
import { createOidcAccounts } from './oidc/oidc.accounts';
import { createOidcClients } from './oidc/oidc.client';
import { createOidcService } from './oidc/oidc.service';
import { createPasskeyLogin } from './passkeys/passkey-login';
import { createPasskeyService } from './passkeys/passkeys.service';
import { createRecoveryService } from './recovery/recovery.service';
import { createSessionService } from './sessions/sessions.service';
import { createAccountService } from './users/account.service';
import { createInvitationService } from './orgs/invitations.service';
import { createMemberService } from './orgs/members.service';
import { createOrgAdmin } from './orgs/orgs.admin';
import { createOrgService } from './orgs/orgs.service';
import { createWebhookService } from './webhooks/webhooks.service';

/**
 * Every service the routes use, built once per app from the configuration: the handlers take what they need.
 */
export function createServices(config: Config, logger: Logger) {
  const tokens = createTokens({
    algorithm: config.jwtAlgorithm,
    secret: config.jwtSecret,
    privateKeys: config.jwtPrivateKeys,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    expiresIn: config.jwtExpiresIn,
  });
  const { bcryptCost } = config;
  const audit = createAuditLog(config.auditRetention);
  const sessions = createSessionService(config, audit);
  const limits = createRateLimits(config.rateLimits);
  const passwordPolicy = createPasswordPolicy(config.passwordMinLength);
  const background = createBackgroundWork(logger); // mail that leaves after the answer
  const accountLimits = limits.account;
  const mailer = createMailer(config.mail, logger);
  const recovery = createRecoveryService({
    settings: config.recovery,
    mailer,
    background,
    sessions,
    logger,
    limits: accountLimits,
    bcryptCost,
    passwordPolicy,
    audit,
    checkPassword: (userId, password) => account.confirmPassword(userId, password),
  });
  const onPasswordChanged = recovery.passwordChanged;
  const members = createMemberService({ audit });
  const recoveryMail = createRecoveryMail(mailer, config.recovery, background);
  const account = createAccountService({
    sessions,
    limits: accountLimits,
    bcryptCost,
    passwordPolicy,
    audit,
    onPasswordChanged,
    onDeleted: members.userDeleted, // the user leaves every organization, ownership passing on
  });
  const box = createSecretBox(config.mfaEncryptionKey);
  const onAdded = recovery.signInMethodAdded; // a notice to the account's address
  const passkeys = createPasskeyService(config.webauthn, audit, onAdded);
  const mfa = createMfaService({
    box,
    confirmPassword: account.confirmPassword,
    audit,
    countPasskeys: passkeys.count,
    onAdded,
  });
  const mfaChallenge = mfa.challenge;
  const passkeyLogin = createPasskeyLogin({ rp: config.webauthn, sessions, digest: box.digest, audit, mfaChallenge });
  const passkeyFactor = passkeyLogin.proveSecondFactor;
  const mfaLogin = createMfaLogin({ box, sessions, limits: accountLimits, audit, passkeyFactor });
  const verification = { required: config.recovery.requireVerifiedEmail, mailLink: recovery.mailLinkToNewUser };
  const auth = createAuthService({
    tokens,
    sessions,
    bcryptCost,
    passwordPolicy,
    audit,
    verification,
    limits: accountLimits,
    mfaChallenge: mfa.challenge,
  });
  const oidc = createOidcService({
    sessions,
    audit,
    logger,
    providers: config.oidcProviders,
    appUrl: config.appUrl,
    mfaChallenge: mfa.challenge,
    clients: createOidcClients(config.apiUrl, config.env === 'production'),
    accounts: createOidcAccounts(audit, onAdded),
    requireVerifiedEmail: config.recovery.requireVerifiedEmail,
  });
  const emailSignIn = createEmailSignIn({
    settings: config.recovery,
    mail: recoveryMail,
    background,
    sessions,
    limits: accountLimits,
    keyed: box.digest,
    audit,
    mfaChallenge: mfa.challenge,
  });
  const orgAdmin = createOrgAdmin(audit);
  return {
    config,
    orgs: createOrgService({ audit }),
    members,
    invitations: createInvitationService({
      audit,
      appUrl: config.recovery.appUrl,
      mail: recoveryMail.notice,
    }),
    orgAdmin,
    emailSignIn,
    tokens,
    audit,
    sessions,
    limits,
    background,
    recovery,
    account,
    passkeys,
    passkeyLogin,
    mfa,
    mfaLogin,
    auth,
    oidc,
    identities: createIdentityService(audit),
    admin: createAdminService({ sessions, audit, memberships: orgAdmin.membershipsOf }),
    webhooks: createWebhookService({ box, rules: config.webhooks, audit }),
    guards: createAuthGuards(tokens, sessions, config.privilegedSessionMaxAge),
    reauthentication: createReauthentication({
      sessions,
      limits: accountLimits,
      bcryptCost,
      box,
      proveUser: passkeyLogin.proveUser,
      audit,
    }),
    adminKey: requireAdminKey(config.adminApiKeys),
    transport: createSessionTransport(config),
    flowCookie: createFlowCookie(config),
  };
}

export type Services = ReturnType<typeof createServices>;
