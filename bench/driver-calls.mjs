// What one database call costs this process through mongoose and through the driver beneath it: the calls of
// login, each sent 3,000 times one after another to the embedded database (or MONGODB_URI), CPU µs per call.
// Usage: npm run build && node bench/driver-calls.mjs
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mongoose = require('mongoose');
const { startEmbeddedDatabase } = require('../dist/embedded-db.js');
const { Session } = require('../dist/sessions/session.model.js');
const { AuditEvent } = require('../dist/audit/audit.model.js');
const { User } = require('../dist/users/user.model.js');
const { AccountAttempt } = require('../dist/limits/account-attempts.js');

const CALLS = 3000;
const embedded = process.env.MONGODB_URI ? null : await startEmbeddedDatabase();
await mongoose.connect(
  `${(process.env.MONGODB_URI ?? embedded.uri).replace(/\/$/, '')}/authgate-driver-calls-${Date.now()}`,
);
const user = await User.create({ email: 'calls@example.com', password: 'x'.repeat(60) });
const hour = () => new Date(Date.now() + 3600e3);
await AccountAttempt.create({ _id: 'calls', windowStart: new Date(), staleAt: hour(), expiresAt: hour() });

const session = (i) => ({
  userId: user._id,
  tokenHash: `hash-${Date.now()}-${i}`,
  lastUsedAt: new Date(),
  idleExpiresAt: hour(),
  maxExpiresAt: hour(),
  userAgent: null,
  amr: ['pwd'],
});
const event = () => ({
  type: 'login.succeeded',
  userId: user._id,
  sessionId: null,
  ip: '127.0.0.1',
  userAgent: null,
  actor: 'user',
  at: new Date(),
  expiresAt: hour(),
});
const unchanged = { _id: user._id, passwordChangedAt: null };
const pairs = [
  [
    'insert a session',
    (i) => Session.create(session(i)),
    (i) => Session.collection.insertOne({ ...session(i), spentTokens: [], revokedAt: null, createdAt: new Date() }),
  ],
  ['insert an audit event', () => AuditEvent.create(event()), () => AuditEvent.collection.insertOne(event())],
  [
    'read the user by email',
    () => User.findOne({ email: user.email }).select('+password +mfa').lean(),
    () => User.collection.findOne({ email: user.email }),
  ],
  [
    'the user unchanged?',
    () => User.exists({ ...unchanged, disabled: mongoose.trusted({ $ne: true }) }),
    () => User.collection.findOne({ ...unchanged, disabled: { $ne: true } }, { projection: { _id: 1 } }),
  ],
  [
    'update the attempt',
    () => AccountAttempt.updateOne({ _id: 'calls' }, { $inc: { version: 1 } }),
    () => AccountAttempt.collection.updateOne({ _id: 'calls' }, { $inc: { version: 1 } }),
  ],
];

async function cpuPerCall(call) {
  for (let i = 0; i < 500; i++) await call(i); // warm-up
  const before = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await call(i);
  const { user: u, system } = process.cpuUsage(before);
  return (u + system) / CALLS;
}

console.log(`node ${process.version}, ${embedded?.kind ?? 'MONGODB_URI'}; CPU µs of this process per call\n`);
console.log('| call | mongoose | driver |\n| --- | --- | --- |');
for (const [name, viaMongoose, viaDriver] of pairs) {
  console.log(
    `| ${name} | ${(await cpuPerCall(viaMongoose)).toFixed(0)} | ${(await cpuPerCall(viaDriver)).toFixed(0)} |`,
  );
}
await mongoose.connection.dropDatabase();
await mongoose.disconnect();
await embedded?.stop();
