import { startEmbeddedDatabase } from '../../src/embedded-db';

// The test database, in this order: MONGODB_URI, mongodb-memory-server, the mongo-java-server stand-in.
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI;
    process.env.TEST_MONGODB_KIND = 'MONGODB_URI';
  } else {
    const embedded = await startEmbeddedDatabase();
    process.env.TEST_MONGODB_URI = embedded.uri;
    process.env.TEST_MONGODB_KIND = embedded.kind;
    (globalThis as { stopTestDatabase?: () => Promise<void> }).stopTestDatabase = embedded.stop;
  }
  process.stdout.write(`\ntest database: ${process.env.TEST_MONGODB_KIND}\n`);
}
