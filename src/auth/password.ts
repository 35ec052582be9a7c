import bcrypt from 'bcrypt';

const dummyHashes = new Map<number, Promise<string>>();
const BCRYPT_MAX_BYTES = 72;

// The salt is 16 random bytes taken at once: bcrypt.hash(password, cost) would fetch them through the libuv
// threadpool, where under load they queue behind the hashes being computed (a second wait per registration).
export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, bcrypt.genSaltSync(cost));
}

/**
 * An account without a password (made by an OIDC sign-in) is checked against the dummy hash: it answers
 * false in the time of a wrong password.
 * Takes as long as a check against a hash of the configured cost, whatever there is to check against: an
 * unknown email is compared with a dummy hash of that cost, and a hash made at a lower cost (before
 * BCRYPT_COST was raised) is compared alongside the dummy, so that neither answers faster than a current account.
 */
export async function verifyPassword(
  password: string,
  hash: string | null | undefined,
  cost: number,
): Promise<boolean> {
  const tooLong = Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES;
  if (!hash || tooLong) {
    await bcrypt.compare(password, await dummyHash(cost));
    return false;
  }
  if (bcrypt.getRounds(hash) >= cost) return bcrypt.compare(password, hash);
  const [valid] = await Promise.all([
    bcrypt.compare(password, hash),
    dummyHash(cost).then((dummy) => bcrypt.compare(password, dummy)),
  ]);
  return valid;
}

/** A hash made at another cost than the configured one is made again at the next successful login. */
export const needsRehash = (hash: string, cost: number) => bcrypt.getRounds(hash) !== cost;

function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = bcrypt.hash('authgate-dummy-password', cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}
