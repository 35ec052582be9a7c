import { Identity } from '../oidc/oidc.models';
import { Passkey } from '../passkeys/passkey.model';
import { User } from '../users/user.model';
import { dropPendingEmail } from './pending-email';

/**
 * A reset that is the first proof of the mailbox (the address was never verified) removes every other way in
 * that was added before it: passkeys, linked identities, TOTP with its recovery codes, a pending email change.
 * Whoever registered the address before its owner (the classic pre-account takeover) keeps nothing.
 */
export async function removeEarlierWaysIn(userId: string): Promise<void> {
  await Promise.all([
    Passkey.deleteMany({ userId }),
    Identity.deleteMany({ userId }),
    User.updateOne({ _id: userId }, { $unset: { mfa: 1 } }),
    dropPendingEmail(userId),
  ]);
}
