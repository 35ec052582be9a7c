import bcrypt from 'bcrypt';

const dummyHashes = new Map<number, Promise<string>>();

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

/**
 * Compares against a dummy hash of the same cost when there is no user, so that an unknown email
 * takes as long as a wrong password and the two cannot be told apart.
 */
export async function verifyPassword(password: string, hash: string | undefined, cost: number): Promise<boolean> {
  if (hash && Buffer.byteLength(password, 'utf8') <= 72) return bcrypt.compare(password, hash);
  await bcrypt.compare(password, await dummyHash(cost));
  return false;
}

function dummyHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = bcrypt.hash('authgate-dummy-password', cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}
