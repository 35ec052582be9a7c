import type { Context, ScheduledEvent } from 'aws-lambda';
import { loadWebhookFunctionConfig } from '../config';
import { connectDatabase } from '../db';
import { createLogger } from '../logger';
import { createWebhookRun } from './worker';

// module scope: built once per Lambda container, reused by every warm invocation
const config = loadWebhookFunctionConfig();
const logger = createLogger(config.logLevel);
const run = createWebhookRun({ rules: config.rules, encryptionKey: config.encryptionKey }, logger);
// no new attempt once less than this is left: one attempt takes at most 10 s, and its result must be written
const RESERVE_MS = 15_000;

/**
 * The Lambda door's delivery (contract v1.8): EventBridge invokes it every minute, and it relays what was
 * recorded and sends what is due, so that no API answer waits for a receiver.
 */
export async function handler(_event: ScheduledEvent, context: Context): Promise<{ relayed: number; sent: number }> {
  context.callbackWaitsForEmptyEventLoop = false; // the open MongoDB connection must not hold the end
  await connectDatabase(config.mongodbUri); // memoised: a warm container reuses it
  const result = await run({ until: Date.now() + context.getRemainingTimeInMillis() - RESERVE_MS });
  logger.info(result, 'webhooks delivered');
  return result;
}
