import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

// A receiver of the SaaS's other services, on loopback: it checks what arrives with the Standard Webhooks
// library (never a verifier of ours) under the secrets the test hands it.

export type Received = {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  event: { type: string; timestamp: string; data: Record<string, unknown> };
  /** Which of the receiver's secrets verify this message. */
  verifiedBy: string[];
};
/** What the receiver answers: a status, or `hang` (never a word), or `huge` (200 and 10 MB). */
export type Behaviour = number | 'hang' | 'huge';

export class Receiver {
  readonly received: Received[] = [];
  secrets: string[] = [];
  behave: (message: Received) => Behaviour = () => 200;
  private waiters: (() => void)[] = [];

  private constructor(private readonly server: Server) {}

  static async start(port = 0): Promise<Receiver> {
    const receiver: Receiver = new Receiver(createServer((req, res) => receiver.take(req, res)));
    await new Promise<void>((resolve) => receiver.server.listen(port, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  ofType(type: string): Received[] {
    return this.received.filter((message) => message.event.type === type);
  }

  /** Waits until `until` holds for what has arrived (checked on each arrival), or fails after `ms`. */
  async waitFor(until: (received: Received[]) => boolean, ms = 10_000): Promise<Received[]> {
    const deadline = Date.now() + ms;
    while (!until(this.received)) {
      if (Date.now() > deadline)
        throw new Error(`receiver: not there within ${ms} ms (${this.received.length} received)`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.received;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private take(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const message = this.record(req.headers, body);
      const behaviour = this.behave(message);
      if (behaviour === 'hang') return;
      if (behaviour === 'huge') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const mb = Buffer.alloc(1024 * 1024, 'x');
        for (let i = 0; i < 10; i += 1) res.write(mb);
        return void res.end();
      }
      res.writeHead(behaviour).end();
    });
  }

  private record(headers: IncomingHttpHeaders, body: string): Received {
    const wanted = {
      'webhook-id': String(headers['webhook-id']),
      'webhook-timestamp': String(headers['webhook-timestamp']),
      'webhook-signature': String(headers['webhook-signature']),
    };
    const verifiedBy = this.secrets.filter((secret) => {
      try {
        new Webhook(secret).verify(body, wanted);
        return true;
      } catch {
        return false;
      }
    });
    const message = {
      id: wanted['webhook-id'],
      timestamp: wanted['webhook-timestamp'],
      signature: wanted['webhook-signature'],
      body,
      event: JSON.parse(body) as Received['event'],
      verifiedBy,
    };
    this.received.push(message);
    this.waiters.splice(0).forEach((wake) => wake());
    return message;
  }
}
