// The bench server: the real app as src/server.ts serves it (same request tracking), plus two baselines in
// the same process on the same database, each an Express app of its own reached without a mount:
// /bench/bare/:id   an Express route doing only the profile's findById().lean()
// /bench/v1-profile the profile as v1 did it: token check, no session check
// Its log goes to stdout like the product's (the bench points stdout at /dev/null); "ready" goes over IPC.
import express from 'express';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// BENCH_DIST: another build of the app (a copy of dist/ under dist/ab/, see bench/ab.mjs) for an A/B run
const dist = process.env.BENCH_DIST ?? new URL('../dist', import.meta.url).pathname;
const { createApp } = require(`${dist}/app.js`);
const { loadConfig } = require(`${dist}/config.js`);
const { connectDatabase } = require(`${dist}/db.js`);
const { trackInFlight } = require(`${dist}/http/in-flight.js`);
const { User } = require(`${dist}/users/user.model.js`);
const { createTokens, tokenFromHeader } = require(`${dist}/auth/tokens.js`);
const { toProfile } = require(`${dist}/users/users.service.js`);

const config = loadConfig(process.env);
await connectDatabase(config.mongodbUri);
const tokens = createTokens({ secret: config.jwtSecret, expiresIn: config.jwtExpiresIn });

const baselines = express();
baselines.get('/bench/bare/:id', async (req, res) => {
  res.json(await User.findById(req.params.id).lean());
});
baselines.get('/bench/v1-profile', async (req, res) => {
  const claims = tokens.verify(tokenFromHeader(req.get('authorization')) ?? '');
  if (!claims) return res.status(401).end();
  res.json(toProfile(await User.findById(claims.sub).lean()));
});
const app = createApp(config);
const server = createServer((req, res) => (req.url.startsWith('/bench/') ? baselines(req, res) : app(req, res)));
trackInFlight(server);
server.listen(0, '127.0.0.1', () => process.send({ ready: server.address().port }));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
process.on('disconnect', () => process.exit(0));
