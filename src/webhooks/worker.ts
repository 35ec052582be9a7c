import type { Logger } from '../logger';
import { createSecretBox } from '../mfa/secret-box';
import { relayEvents } from './relay';
import type { TargetRules } from './safe-target';
import { createWebhookSender, type DeliverOptions } from './sender';

export type WebhookSettings = { rules: TargetRules; encryptionKey: Buffer; timeoutMs?: number };

/** One pass: recorded events become deliveries, then what is due is sent. The Lambda door runs one per minute. */
export function createWebhookRun(settings: WebhookSettings, logger: Logger) {
  const { rules, encryptionKey, timeoutMs } = settings;
  const sender = createWebhookSender({ box: createSecretBox(encryptionKey), rules, timeoutMs, logger });
  return async (options: DeliverOptions = {}) => {
    const relayed = await relayEvents();
    const sent = await sender.deliverDue(options);
    return { relayed, sent };
  };
}

/**
 * The local server's and the container's delivery in the background: a pass every `intervalMs`. `stop` aborts
 * the attempts in flight, hands their claims back (another process sends them at once) and resolves when the
 * pass has ended, before MongoDB closes.
 */
export function startWebhookWorker(settings: WebhookSettings, logger: Logger, intervalMs = 1000) {
  const run = createWebhookRun(settings, logger);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;

  const next = () => {
    pass = run({ signal: controller.signal })
      .then(
        () => undefined,
        (error: unknown) => void logger.warn({ err: error }, 'webhook pass failed; retrying'),
      )
      .finally(() => {
        pass = undefined;
        if (!controller.signal.aborted) timer = setTimeout(next, intervalMs);
      });
  };
  timer = setTimeout(next, intervalMs);

  async function stop(): Promise<void> {
    controller.abort();
    clearTimeout(timer);
    await pass;
  }

  return { stop };
}

export type WebhookWorker = ReturnType<typeof startWebhookWorker>;
