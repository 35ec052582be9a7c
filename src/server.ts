import type { Server } from 'node:http';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { connectDatabase, disconnectDatabase } from './db';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded-db';
import { trackInFlight, type InFlight } from './http/in-flight';
import { createLogger, type Logger } from './logger';
import { startWebhookWorker, type WebhookWorker } from './webhooks/worker';

const SHUTDOWN_LIMIT_MS = 10_000;
// a handler that never ends its response (a static file stream whose client left) must not hold the exit
const DRAIN_LIMIT_MS = 8_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  config.warnings.forEach((warning) => logger.warn(warning));
  const embedded = config.mongodbUri ? undefined : await startEmbedded(logger);
  await connectDatabase(config.mongodbUri ?? embedded!.uri);
  const app = createApp(config, logger);
  const server = app.listen(config.port, () => {
    logger.info({ port: address(server, config) }, `authgate listening on http://localhost:${address(server, config)}`);
  });
  const inFlight = trackInFlight(server);
  // webhooks leave in the background, within a second or two of their change; no answer waits for a receiver
  const webhooks = startWebhookWorker({ rules: config.webhooks, encryptionKey: config.mfaEncryptionKey }, logger);
  const settled = app.locals.settleBackgroundWork as () => Promise<void>;
  // a signal's listener returns nothing: a failure while closing is logged and ends the process, never unhandled
  const stop = (signal: string) =>
    void shutDown({ server, inFlight, settled, webhooks, logger, embedded }, signal).catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  process.once('SIGTERM', stop).once('SIGINT', stop);
}

async function startEmbedded(logger: Logger): Promise<EmbeddedDatabase> {
  logger.warn('MONGODB_URI is not set: starting an embedded, throw-away MongoDB (data is lost at exit)');
  const embedded = await startEmbeddedDatabase((line) => logger.warn(line));
  logger.warn(`embedded MongoDB: ${embedded.kind}`);
  return embedded;
}

type Running = {
  server: Server;
  inFlight: InFlight;
  settled: () => Promise<void>;
  webhooks: WebhookWorker;
  logger: Logger;
  embedded?: EmbeddedDatabase;
};

/** Stops accepting, lets in-flight requests finish, closes MongoDB; never takes longer than the limit. */
async function shutDown(
  { server, inFlight, settled, webhooks, logger, embedded }: Running,
  signal: string,
): Promise<void> {
  logger.info(`${signal}: shutting down`);
  setTimeout(() => process.exit(1), SHUTDOWN_LIMIT_MS).unref();
  // the webhook attempts in flight are aborted and their claims handed back: another process sends them now
  const webhooksStopped = webhooks.stop();
  await new Promise<void>((done) => {
    server.close(() => done());
    server.closeIdleConnections();
  });
  // handlers whose client has gone still finish their work, and so does the work that goes on after an answer
  // (mail); with none in flight this is no wait at all
  const drained = await Promise.race([
    inFlight
      .drained()
      .then(settled)
      .then(() => true),
    new Promise<false>((done) => setTimeout(done, DRAIN_LIMIT_MS, false).unref()),
  ]);
  if (!drained)
    logger.warn(
      { inFlight: inFlight.count() },
      `requests or mail still in flight after ${DRAIN_LIMIT_MS / 1000} s: closing anyway`,
    );
  await webhooksStopped;
  await disconnectDatabase();
  await embedded?.stop();
  logger.info({ inFlight: inFlight.count() }, 'stopped');
  process.exit(0);
}

function address(server: Server, config: Config): number {
  const bound = server.address();
  return typeof bound === 'object' && bound ? bound.port : config.port;
}

main().catch((error: unknown) => {
  // one clear line, never a stack trace: the operator has a variable to fix, not a bug to read
  const message =
    error instanceof ConfigError
      ? error.message
      : `authgate could not start: ${(error as Error).message.split('\n')[0]}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
