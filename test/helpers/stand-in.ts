import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// A MongoDB stand-in process of a test file's own, to freeze, thaw, kill and start again on the same port.
const root = join(__dirname, '..', '..');

export const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export class StandIn {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<StandIn> {
    const standIn = new StandIn(await freePort());
    await standIn.restart();
    return standIn;
  }

  uri(database: string): string {
    return `mongodb://127.0.0.1:${this.port}/${database}`;
  }

  /** Starts it (again) on its port: after kill(), an empty database, as a lost one would be. */
  async restart(): Promise<void> {
    const java = spawn(
      'java',
      ['-cp', `${root}/.tools/mongo-stand-in/*`, `${root}/tools/mongo-stand-in/Launcher.java`, String(this.port)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.process = java;
    await new Promise<void>((resolve, reject) => {
      java.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
      createInterface({ input: java.stdout }).on('line', (line) => line.startsWith('listening on') && resolve());
    });
    java.removeAllListeners('exit');
  }

  freeze = () => this.signal('SIGSTOP'); // a hung database: connections stay open, nothing answers
  thaw = () => this.signal('SIGCONT');

  async kill(): Promise<void> {
    const java = this.process;
    if (!java || java.exitCode !== null) return;
    const exited = new Promise((resolve) => java.once('exit', resolve));
    java.kill('SIGKILL');
    await exited;
  }

  private signal(signal: NodeJS.Signals): void {
    this.process?.kill(signal);
  }
}
