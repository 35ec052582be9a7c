import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

// A throw-away MongoDB for development and tests; production always names MONGODB_URI.
export type EmbeddedDatabase = { uri: string; kind: string; pid?: number; stop: () => Promise<void> };

const root = resolve(__dirname, '..');
const standInDir = join(root, 'tools', 'mongo-stand-in');
const standInJars = join(root, '.tools', 'mongo-stand-in');

/** mongodb-memory-server first; where mongod cannot be downloaded, the mongo-java-server stand-in. */
export async function startEmbeddedDatabase(log: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const reasons: string[] = [];
  try {
    return await startMemoryServer();
  } catch (error) {
    reasons.push(`mongodb-memory-server: ${firstLine(error)}`);
    log(`mongodb-memory-server is not available (${firstLine(error)}); trying the mongo-java-server stand-in`);
  }
  try {
    return await startStandIn();
  } catch (error) {
    reasons.push(`mongo-java-server: ${firstLine(error)}`);
  }
  throw new Error(`No embedded MongoDB could start (${reasons.join('; ')}). Set MONGODB_URI to a running MongoDB.`);
}

async function startMemoryServer(): Promise<EmbeddedDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server');
  // its failed download prints a whole stack through console.warn; our caller says it in one line instead
  const warn = console.warn;
  console.warn = () => undefined;
  const server = await MongoMemoryServer.create().finally(() => (console.warn = warn));
  return { uri: server.getUri(), kind: 'mongodb-memory-server', stop: async () => void (await server.stop()) };
}

async function startStandIn(): Promise<EmbeddedDatabase> {
  if (!hasJars()) fetchJars();
  const java = spawn('java', ['-cp', `${standInJars}/*`, join(standInDir, 'Launcher.java'), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((done, fail) => {
    java.once('error', (error) => fail(new Error(`java could not start: ${error.message}`)));
    java.once('exit', (code) => fail(new Error(`java exited with ${code}`)));
    createInterface({ input: java.stdout }).on('line', (line) => {
      const match = /^listening on (\d+)$/.exec(line);
      if (match) done(Number(match[1]));
    });
  });
  java.removeAllListeners('exit');
  const stop = () =>
    new Promise<void>((done) => (java.exitCode === null ? java.once('exit', () => done()).kill('SIGTERM') : done()));
  return { uri: `mongodb://127.0.0.1:${port}/`, kind: 'mongo-java-server (in-memory stand-in)', pid: java.pid, stop };
}

function hasJars(): boolean {
  return existsSync(standInJars) && readdirSync(standInJars).some((file) => file.startsWith('mongo-java-server'));
}

export function fetchJars(): void {
  const args = [
    '-q',
    '-f',
    join(standInDir, 'pom.xml'),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${standInJars}`,
  ];
  const result = spawnSync('mvn', args, { stdio: 'inherit' });
  if (result.error || result.status !== 0)
    throw new Error('its jars are missing and Maven could not fetch them (mvn, Java 17)');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
