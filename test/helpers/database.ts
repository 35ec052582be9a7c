import { randomBytes } from 'node:crypto';
import ConnectionString from 'mongodb-connection-string-url';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase } from '../../src/db';

/** The URI of a database of this test file's own, on the test server of global-setup. */
export function testDatabaseUri(): string {
  const base = process.env.TEST_MONGODB_URI;
  if (!base)
    throw new Error('TEST_MONGODB_URI is not set: run the tests through jest (global-setup starts the database)');
  const uri = new ConnectionString(base);
  uri.pathname = `/authgate-test-${randomBytes(6).toString('hex')}`;
  return uri.toString();
}

/** Connects the app's own mongoose (indexes included) to a fresh database, and drops it after the file. */
export function useTestDatabase(): { uri: () => string } {
  let uri = '';
  beforeAll(async () => {
    uri = testDatabaseUri();
    await connectDatabase(uri);
  });
  afterAll(async () => {
    await mongoose.connection.db?.dropDatabase().catch(() => undefined);
    await disconnectDatabase();
  });
  return { uri: () => uri };
}
