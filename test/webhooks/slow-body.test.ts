import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { postJson } from '../../src/webhooks/post';

// Review finding R2: postJson clears its timeout as soon as the status line arrives and then keeps reading the
// receiver's body until the receiver ends it. A receiver that answers "200" and then trickles (or never ends) its
// body holds the connection open forever: one socket per delivery, never closed by authgate (contract v1.8: 10 s
// timeout). The status is all that counts, so the connection should be closed within the timeout at the latest.
describe('review R2: a receiver that never ends its answer', () => {
  let server: http.Server;
  const sockets = new Set<Socket>();
  let closed = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('still going'); // ...and never res.end()
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => (closed += 1));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('is not left holding the connection past the timeout', async () => {
    const { port } = server.address() as AddressInfo;
    const status = await postJson(`http://127.0.0.1:${port}/hook`, {}, '{}', {
      rules: { httpsOnly: false, publicOnly: false },
      timeoutMs: 300,
    });
    expect(status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // well past the 300 ms timeout
    expect(closed).toBe(1);
  });
});
