import { Session } from '../../src/sessions/session.model';

const sidOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sid as string;

/**
 * Moves the session's last proof of who its user is `seconds` into the past, as if the login had been that
 * long ago (what a stolen access token of an old session looks like). The session itself stays live.
 */
export async function provedAgo(token: string, seconds: number): Promise<void> {
  await Session.updateOne({ _id: sidOf(token) }, { $set: { authTime: new Date(Date.now() - seconds * 1000) } });
}

/** Past PRIVILEGED_SESSION_MAX_AGE (600 s by default). */
export const makeStale = (token: string) => provedAgo(token, 601);
