import mongoose from 'mongoose';
import { badRequest, unauthorized } from '../errors/http-error';
import { User } from '../users/user.model';
import type { SecretBox } from './secret-box';
import { normalizeRecoveryCode } from './recovery-codes';
import { matchingStep } from './totp';

// RFC 8176: a one-time password; `mfa` for a recovery code; `hwk` a passkey
export type SecondFactor = 'otp' | 'mfa' | 'hwk';

export const wrongCode = () => unauthorized('INVALID_MFA_CODE', 'The code is wrong, expired or already used');
export const totpOff = () => badRequest('MFA_NOT_ENABLED', 'TOTP is not turned on for this account');

/** What is kept of a recovery code: its HMAC, as typed in any case, with or without the dash. */
export const recoveryDigest = (code: string, box: SecretBox) => box.digest(normalizeRecoveryCode(code));

/** The user's confirmed TOTP secret, opened, or null when TOTP is off. */
export async function totpSecretOf(userId: string, box: SecretBox): Promise<string | null> {
  const user = await User.findById(userId).select('+mfa').lean();
  return user?.mfa?.totpSecret ? box.open(user.mfa.totpSecret) : null;
}

/**
 * Spends a TOTP code or a recovery code, each with one atomic update: a time step is accepted only when it
 * is newer than the last one accepted (so no code works twice), a recovery code only while it is still in
 * the set. Of parallel uses of one code, exactly one succeeds.
 */
export async function spendCode(userId: string, code: string, box: SecretBox): Promise<SecondFactor> {
  const secret = await totpSecretOf(userId, box);
  if (!secret) throw totpOff();
  if (/^\d{6}$/.test(code)) {
    const step = matchingStep(secret, code);
    if (step === null) throw wrongCode();
    const spent = await User.updateOne(
      { _id: userId, 'mfa.lastStep': mongoose.trusted({ $lt: step }) },
      { $set: { 'mfa.lastStep': step } },
    );
    if (spent.modifiedCount !== 1) throw wrongCode();
    return 'otp';
  }
  const digest = recoveryDigest(code, box);
  const spent = await User.updateOne(
    { _id: userId, 'mfa.recoveryCodes': digest },
    { $pull: { 'mfa.recoveryCodes': digest } },
  );
  if (spent.modifiedCount !== 1) throw wrongCode();
  return 'mfa';
}
