import mongoose, { type Types } from 'mongoose';
import type { AuditLog } from '../audit/audit.service';
import type { Caller } from '../auth/require-auth';
import { conflict } from '../errors/http-error';
import { hashRefreshToken, newRefreshToken } from '../sessions/refresh-token';
import { User } from '../users/user.model';
import { requireVerifiedEmail } from '../users/verified-email';
import { MfaChallenge } from './mfa-challenge.model';
import type { MfaRequired, MfaStatus, SecondFactorInput, TotpEnrollment } from './mfa.schemas';
import { newRecoveryCodes } from './recovery-codes';
import { recoveryDigest, spendCode, wrongCode } from './second-factor';
import type { SecretBox } from './secret-box';
import { matchingStep, newTotpSecret, otpauthUri, qrCodeSvg } from './totp';

export type MfaServiceDeps = {
  box: SecretBox;
  // the password, then (when given) the second factor, counted together in the account's attempts
  confirmPassword: (userId: string, password: string, secondFactor?: () => Promise<unknown>) => Promise<unknown>;
  audit: AuditLog;
  countPasskeys?: (userId: string) => Promise<number>;
  onAdded?: (userId: string, method: string) => Promise<void>; // a notice to the account's address
};

const CHALLENGE_SECONDS = 300;
const alreadyOn = () => conflict('MFA_ALREADY_ENABLED', 'TOTP is already on; turn it off first');
// the account's state, not the request, is wrong: 409
const notPending = () =>
  conflict('MFA_NOT_ENABLED', 'No TOTP enrollment is pending: start one with POST /user/mfa/totp');

export function createMfaService({
  box,
  confirmPassword,
  audit,
  countPasskeys = () => Promise.resolve(0),
  onAdded = () => Promise.resolve(),
}: MfaServiceDeps) {
  const mfaOf = async (userId: string) => (await User.findById(userId).select('+mfa').lean())?.mfa ?? null;

  async function status(userId: string): Promise<MfaStatus> {
    const [mfa, passkeys] = await Promise.all([mfaOf(userId), countPasskeys(userId)]);
    const on = Boolean(mfa?.totpSecret);
    return { totp: on, recoveryCodesLeft: on ? (mfa?.recoveryCodes?.length ?? 0) : 0, passkeys };
  }

  /** A pending enrollment: nothing is enforced until a code from it is confirmed. */
  async function startTotp(caller: Caller, password: string): Promise<TotpEnrollment> {
    await requireVerifiedEmail(caller.userId);
    await confirmPassword(caller.userId, password);
    const secret = newTotpSecret();
    const started = await User.findOneAndUpdate(
      { _id: caller.userId, 'mfa.totpSecret': null },
      { $set: { 'mfa.pendingSecret': box.seal(secret) } },
      { projection: { email: 1 } },
    ).lean();
    if (!started) throw alreadyOn();
    const uri = otpauthUri(secret, started.email);
    return { secret, otpauthUri: uri, qrCodeSvg: await qrCodeSvg(uri) };
  }

  async function confirmTotp(caller: Caller, code: string): Promise<string[]> {
    await requireVerifiedEmail(caller.userId);
    const mfa = await mfaOf(caller.userId);
    if (mfa?.totpSecret) throw alreadyOn();
    if (!mfa?.pendingSecret) throw notPending();
    const step = matchingStep(box.open(mfa.pendingSecret), code);
    if (step === null) throw wrongCode();
    const codes = newRecoveryCodes();
    const turnedOn = await User.updateOne(
      { _id: caller.userId, 'mfa.pendingSecret': mfa.pendingSecret, 'mfa.totpSecret': null },
      {
        $set: {
          'mfa.totpSecret': mfa.pendingSecret,
          'mfa.pendingSecret': null,
          'mfa.lastStep': step,
          'mfa.recoveryCodes': codes.map((code) => recoveryDigest(code, box)),
        },
      },
    );
    if (turnedOn.modifiedCount !== 1) throw wrongCode(); // a parallel confirmation won
    await Promise.all([
      audit.record({ type: 'mfa.totp-enabled', ...caller }),
      onAdded(caller.userId, 'An authenticator app (TOTP)'),
    ]);
    return codes;
  }

  async function disableTotp(caller: Caller, input: SecondFactorInput): Promise<void> {
    await confirmPassword(caller.userId, input.password, () => spendCode(caller.userId, input.code, box));
    await Promise.all([
      User.updateOne({ _id: caller.userId }, { $unset: { mfa: 1 } }),
      audit.record({ type: 'mfa.totp-disabled', ...caller }),
    ]);
  }

  async function replaceRecoveryCodes(caller: Caller, input: SecondFactorInput): Promise<string[]> {
    await confirmPassword(caller.userId, input.password, () => spendCode(caller.userId, input.code, box));
    const codes = newRecoveryCodes();
    const replaced = { $set: { 'mfa.recoveryCodes': codes.map((code) => recoveryDigest(code, box)) } };
    await Promise.all([
      User.updateOne({ _id: caller.userId, 'mfa.totpSecret': mongoose.trusted({ $ne: null }) }, replaced),
      audit.record({ type: 'mfa.recovery-codes-replaced', ...caller }),
    ]);
    return codes;
  }

  /** The answer of a login whose password was right when a second factor is owed: no session yet. */
  async function challenge(
    user: { _id: Types.ObjectId; passwordChangedAt?: Date | null },
    userAgent?: string,
    amr = ['pwd'],
  ): Promise<MfaRequired> {
    const mfaToken = newRefreshToken();
    const [, passkeys] = await Promise.all([
      MfaChallenge.create({
        tokenHash: hashRefreshToken(mfaToken),
        userId: user._id,
        passwordChangedAt: user.passwordChangedAt ?? null,
        expiresAt: new Date(Date.now() + CHALLENGE_SECONDS * 1000),
        userAgent: userAgent?.slice(0, 256) ?? null,
        amr, // the first factor: a password, or a provider (OIDC)
      }),
      countPasskeys(user._id.toString()),
    ]);
    return {
      auth: false,
      mfaRequired: true,
      mfaToken,
      // a passkey that was the first factor is not the second one too
      methods: passkeys > 0 && !amr.includes('hwk') ? ['totp', 'recovery', 'passkey'] : ['totp', 'recovery'],
    };
  }

  return { status, startTotp, confirmTotp, disableTotp, replaceRecoveryCodes, challenge };
}

export type MfaService = ReturnType<typeof createMfaService>;
