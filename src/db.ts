import mongoose from 'mongoose';
import { RateLimit } from './limits/rate-limit.model';
import { Session } from './sessions/session.model';
import { User } from './users/user.model';

// A filter built from client input can never carry an operator; our own operators go through mongoose.trusted().
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

const connectOptions: mongoose.ConnectOptions = {
  bufferCommands: false, // fail at once when disconnected instead of queueing requests
  autoIndex: false, // indexes are built on purpose below, before the first request is served
  serverSelectionTimeoutMS: 2000,
  connectTimeoutMS: 2000,
  socketTimeoutMS: 2500,
  heartbeatFrequencyMS: 2000,
};

let connecting: Promise<typeof mongoose> | undefined;

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
  await Promise.all([User.createIndexes(), Session.createIndexes(), RateLimit.createIndexes()]);
  return connection;
}

export async function disconnectDatabase(): Promise<void> {
  connecting = undefined;
  await mongoose.disconnect();
}

/** Answers within about two seconds whether MongoDB responds to a ping. */
export async function pingDatabase(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, 2000, false).unref());
  const ping = db.admin().ping().then(() => true, () => false);
  return Promise.race([ping, timeout]);
}

const unavailableErrors = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (unavailableErrors.has(error.name)) return true;
  // bufferCommands: false makes mongoose throw this plain MongooseError while disconnected
  return error.name === 'MongooseError' && /initial connection|not connected|connection .*closed/i.test(error.message);
}
