import http from 'node:http';
import https from 'node:https';
import { checkUrlForm, guardedLookup, type TargetRules } from './safe-target';

export const SEND_TIMEOUT_MS = 10_000;
const READ_LIMIT_BYTES = 64 * 1024; // a receiver's answer is not read past this: only its status counts

export type PostOptions = { rules: TargetRules; timeoutMs: number; signal?: AbortSignal };

/**
 * One POST to a receiver: its status code, or an error for a refused target, a connection that failed or a
 * receiver that took longer than the timeout. Redirects are not followed (a 3xx is just not a 2xx).
 */
export async function postJson(
  target: string,
  headers: Record<string, string>,
  body: string,
  { rules, timeoutMs, signal }: PostOptions,
): Promise<number> {
  const url = checkUrlForm(target, rules); // an endpoint stored before the rules changed (production) is held to them
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = transport.request(url, {
      method: 'POST',
      agent: false, // a connection of its own: no socket is reused past the address check
      lookup: guardedLookup(rules),
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      signal,
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.once('response', (response) => {
      // the timer runs on until the answer ends: a receiver that never ends its body is cut off by it too
      response.once('close', () => clearTimeout(timer));
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > READ_LIMIT_BYTES) response.destroy();
      });
      response.on('error', () => undefined); // destroyed past the limit: the status is already known
      resolve(response.statusCode ?? 0);
    });
    request.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}
