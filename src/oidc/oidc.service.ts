import mongoose, { type Types } from 'mongoose';
import * as client from 'openid-client';
import type { AuditLog } from '../audit/audit.service';
import { badRequest, notFound, serviceUnavailable } from '../errors/http-error';
import type { Logger } from '../logger';
import type { MfaRequired } from '../mfa/mfa.schemas';
import type { MfaService } from '../mfa/mfa.service';
import { hashRefreshToken as digest, newRefreshToken } from '../sessions/refresh-token';
import type { OpenedSession, SessionService } from '../sessions/sessions.service';
import { credentialsUnchanged, User } from '../users/user.model';
import { emailNotVerified, requireVerifiedEmail as requireVerified } from '../users/verified-email';
import { OidcRefusal, type OidcAccounts } from './oidc.accounts';
import { ProviderUnavailable, type OidcClients } from './oidc.client';
import type { OidcProvider } from './oidc.config';
import { OidcCode, OidcFlow } from './oidc.models';
import { withFragment } from './oidc.redirect';

export type OidcServiceDeps = {
  providers: OidcProvider[];
  clients: OidcClients;
  accounts: OidcAccounts;
  appUrl: string;
  sessions: SessionService;
  mfaChallenge: MfaService['challenge'];
  audit: AuditLog;
  logger: Logger;
  requireVerifiedEmail?: boolean; // REQUIRE_VERIFIED_EMAIL: the exchange refuses an unverified account, as login does
};

const FLOW_SECONDS = 600;
const CODE_SECONDS = 60;
// signed in through an identity provider (not in RFC 8176's registry; its own word)
export const FEDERATED_AMR = ['fed'];
const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
const invalidCode = () => badRequest('INVALID_TOKEN', 'The code is unknown, expired or already used; sign in again');

export function createOidcService({
  providers,
  clients,
  accounts,
  appUrl,
  sessions,
  mfaChallenge,
  audit,
  logger,
  requireVerifiedEmail = false,
}: OidcServiceDeps) {
  function providerOf(id: string): OidcProvider {
    const provider = providers.find((known) => known.id === id);
    if (!provider) throw notFound('PROVIDER_NOT_FOUND', 'No OIDC provider of that name is configured');
    return provider;
  }

  /**
   * A flow kept server-side (state, nonce, PKCE verifier) and the provider's URL to send the browser to; a
   * sign-in also gets the value that binds it to the browser (src/oidc/oidc-browser.ts).
   */
  async function start(
    providerId: string,
    redirect: string,
    linkUserId?: string,
    reauthenticate = false,
  ): Promise<{ url: string; binding: string }> {
    const provider = providerOf(providerId);
    if (linkUserId) await requireVerified(linkUserId); // a link adds a way in
    const checks = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const url = await clients.authorizationUrl(provider, { ...checks, reauthenticate }).catch((error: unknown) => {
      if (!(error instanceof ProviderUnavailable)) throw error;
      logger.warn({ provider: provider.id }, error.message);
      throw serviceUnavailable();
    });
    const { state, ...kept } = checks;
    // bound to the browser that started it (a cookie), a link to the account that asked for it as well: a link
    // URL handed to someone else must not tie their identity to the asker's account
    const binding = newRefreshToken();
    const browserHash = digest(binding);
    await OidcFlow.create({
      stateHash: digest(state),
      provider: provider.id,
      ...kept,
      redirect,
      linkUserId: linkUserId ?? null,
      reauthenticate,
      browserHash,
      expiresAt: later(FLOW_SECONDS),
    });
    return { url, binding };
  }

  /** The provider's answer: where to send the browser, with `#code=`, `#linked=` or `#error=` (never a token). */
  async function callback(providerId: string, query: URLSearchParams, binding?: string): Promise<string> {
    const provider = providerOf(providerId);
    const state = query.get('state');
    // one atomic update: a flow works once, for the provider it was started with, in the browser that started it,
    // within its 600 s
    const live = {
      provider: provider.id,
      browserHash: digest(binding ?? ''),
      usedAt: null,
      expiresAt: mongoose.trusted({ $gt: new Date() }),
    };
    const flow =
      state &&
      binding &&
      (await OidcFlow.findOneAndUpdate({ stateHash: digest(state), ...live }, { $set: { usedAt: new Date() } }).lean());
    if (!flow) return withFragment(appUrl, '/', { error: 'INVALID_STATE' });
    const fail = (error: string) => withFragment(appUrl, flow.redirect, { error });
    if (query.has('error')) return fail('PROVIDER_ERROR'); // e.g. access_denied: the user said no
    try {
      const claims = await clients.signIn(provider, query.toString(), {
        state: state,
        nonce: flow.nonce,
        codeVerifier: flow.codeVerifier,
        reauthenticate: flow.reauthenticate ?? false,
      });
      if (flow.linkUserId) {
        await accounts.link(flow.linkUserId, provider.id, claims);
        return withFragment(appUrl, flow.redirect, { linked: provider.id });
      }
      // trustEmail (OIDC_PROVIDERS): the operator vouches for this provider's addresses, whatever its claim says
      const user = await accounts.signIn(
        provider.id,
        provider.trustEmail ? { ...claims, emailVerified: true } : claims,
      );
      return withFragment(appUrl, flow.redirect, { code: await oneTimeCode(user._id, provider.id, digest(binding)) });
    } catch (error) {
      if (error instanceof OidcRefusal) return fail(error.code);
      if (error instanceof ProviderUnavailable) return fail('SERVICE_UNAVAILABLE');
      if (error instanceof mongoose.Error || (error as { name?: string }).name?.startsWith('Mongo')) throw error;
      logger.warn(
        { provider: provider.id, err: { name: (error as Error).name, code: (error as { code?: string }).code } },
        "OIDC sign-in refused: the provider's answer failed a check",
      );
      return fail('PROVIDER_ERROR');
    }
  }

  // the code is bound to the browser whose flow made it: the hash of its flow cookie is kept with it
  async function oneTimeCode(userId: Types.ObjectId, provider: string, browserHash: string): Promise<string> {
    const code = newRefreshToken();
    await OidcCode.create({ codeHash: digest(code), userId, provider, browserHash, expiresAt: later(CODE_SECONDS) });
    return code;
  }

  /**
   * The one-time code for a session (or, TOTP on, for the second step): works once, within 60 s, and only from
   * the browser whose flow made it (its flow cookie, `binding`): a code sent to someone else signs nobody in
   * there (login CSRF). A code tried from another browser is not spent.
   */
  async function exchange(code: string, binding?: string, userAgent?: string): Promise<OpenedSession | MfaRequired> {
    if (!binding) throw invalidCode();
    const now = new Date();
    const used = await OidcCode.findOneAndUpdate(
      { codeHash: digest(code), browserHash: digest(binding), usedAt: null, expiresAt: mongoose.trusted({ $gt: now }) },
      { $set: { usedAt: now } },
    ).lean();
    const user = used && (await User.findById(used.userId).select('+mfa').lean());
    if (!used || !user || user.disabled) throw invalidCode();
    if (requireVerifiedEmail && !user.emailVerified) throw emailNotVerified();
    if (user.mfa?.totpSecret) return mfaChallenge(user, userAgent, FEDERATED_AMR);
    const userId = user._id.toString();
    const session = await sessions.open(userId, userAgent, FEDERATED_AMR);
    await audit.record({ type: 'oidc.login', userId, sessionId: session.sessionId });
    if (!(await credentialsUnchanged(user))) {
      await sessions.removeOne(session.sessionId); // disabled or deleted meanwhile
      throw invalidCode();
    }
    return session;
  }

  return { providerOf, start, callback, exchange };
}

export type OidcService = ReturnType<typeof createOidcService>;
