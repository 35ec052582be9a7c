import mongoose from 'mongoose';
import { AuditEvent } from './audit/audit.model';
import { AccountAttempt } from './limits/account-attempts';
import { RateLimit } from './limits/rate-limit.model';
import { LinkToken } from './recovery/link-token.model';
import { EmailChallenge } from './email-sign-in/email-challenge.model';
import { Session } from './sessions/session.model';
import { MfaChallenge } from './mfa/mfa-challenge.model';
import { Invitation, Organization } from './orgs/org.model';
import { PasskeyChallenge } from './passkeys/passkey-challenge.model';
import { Passkey } from './passkeys/passkey.model';
import { User } from './users/user.model';
import { WebhookDelivery, WebhookEndpoint, WebhookEvent } from './webhooks/webhook.models';

// A filter built from client input can never carry an operator; our own operators go through mongoose.trusted().
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

const connectOptions: mongoose.ConnectOptions = {
  bufferCommands: false, // fail at once when disconnected instead of queueing requests
  autoIndex: false, // indexes are built on purpose below, before the first request is served
  // every wait is bounded, so that a hung or lost MongoDB is a 503 within 3 s, never a hang:
  serverSelectionTimeoutMS: 2000,
  connectTimeoutMS: 2000,
  socketTimeoutMS: 2500,
  heartbeatFrequencyMS: 1000, // the monitor notices a hung server (and a recovered one) within a second or two
  // no silent retry behind the client's back: a retry waits for server selection again, past 3 s; the
  // client retries instead, and a retried registration is still created once (the unique index decides)
  retryReads: false,
  retryWrites: false,
};

let connecting: Promise<typeof mongoose> | undefined;
let indexesReady = false;

const MODELS = [
  User,
  Session,
  RateLimit,
  MfaChallenge,
  AccountAttempt,
  AuditEvent,
  LinkToken,
  EmailChallenge,
  Passkey,
  PasskeyChallenge,
  Organization,
  Invitation,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookEvent,
];

// One collection after another, the users' unique email first: on the in-memory stand-in, a fresh database's
// collections created all at once lost an index now and then (50 parallel registrations of one email all
// answered 201 once in CI), and the few milliseconds this costs are spent once per connection.
async function ensureIndexes(): Promise<void> {
  for (const model of MODELS) await model.createIndexes();
}

// A database that comes back may come back empty (restored, replaced, or the in-memory stand-in restarted):
// after any lost connection its indexes, the unique email above all, are built again, and /ready waits for
// them. createIndexes is idempotent, so a mere network blip costs one cheap round trip.
function rebuildIndexesSoon(): void {
  if (!indexesReady) return; // a rebuild is already on its way
  indexesReady = false;
  const attempt = () => {
    if (!connecting) return; // disconnected on purpose
    ensureIndexes().then(
      () => (indexesReady = true),
      () => setTimeout(attempt, 1000).unref(),
    );
  };
  setTimeout(attempt, 200).unref();
}
mongoose.connection.on('disconnected', rebuildIndexesSoon);

/** Memoised: a warm Lambda or a running server reuses one connection; a failed attempt is not remembered. */
export function connectDatabase(uri: string): Promise<typeof mongoose> {
  connecting ??= openConnection(uri).catch((error: unknown) => {
    connecting = undefined;
    throw error;
  });
  return connecting;
}

async function openConnection(uri: string): Promise<typeof mongoose> {
  const connection = await mongoose.connect(uri, connectOptions);
  await ensureIndexes();
  indexesReady = true;
  connection.connection.getClient().on('connectionClosed', (event) => event.reason === 'error' && rebuildIndexesSoon());
  return connection;
}

export async function disconnectDatabase(): Promise<void> {
  connecting = undefined;
  indexesReady = false;
  await mongoose.disconnect();
}

/** Answers within about two seconds whether MongoDB responds to a ping. */
export async function pingDatabase(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== mongoose.ConnectionStates.connected || !db || !indexesReady) return false;
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, 2000, false).unref());
  const ping = db
    .admin()
    .ping()
    .then(
      () => true,
      () => false,
    );
  return Promise.race([ping, timeout]);
}

const { mongo } = mongoose;
const unavailableClasses = [
  mongo.MongoNetworkError, // timeouts and cleared pools (PoolClearedOnNetworkError) included
  mongo.MongoServerSelectionError,
  mongo.MongoNotConnectedError,
  mongo.MongoTopologyClosedError,
];
const unavailableNames = new Set(['MongooseServerSelectionError', 'WaitQueueTimeoutError', 'PoolClosedError']);
// the driver lets a raw socket error through now and then (EPIPE on a connection the server just closed)
const unavailableSocketCodes = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTCONN']);

/** Errors that mean "MongoDB cannot be reached now" (503), as opposed to a bug (500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (unavailableClasses.some((type) => error instanceof type) || unavailableNames.has(error.name)) return true;
  if (unavailableSocketCodes.has((error as NodeJS.ErrnoException).code ?? '')) return true;
  // bufferCommands: false makes mongoose throw this plain MongooseError while disconnected
  return error.name === 'MongooseError' && /initial connection|not connected|connection .*closed/i.test(error.message);
}
