// The bench server: the real app, plus two baselines on the same process and database:
// /bench/bare/:id   an Express route doing only the profile's findById().lean()
// /bench/v1-profile the profile as v1 did it: token check, no session check
import express from 'express';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createApp } = require('../dist/app.js');
const { loadConfig } = require('../dist/config.js');
const { connectDatabase } = require('../dist/db.js');
const { User } = require('../dist/users/user.model.js');
const { createTokens, tokenFromHeader } = require('../dist/auth/tokens.js');
const { toProfile } = require('../dist/users/users.service.js');

const config = loadConfig(process.env);
await connectDatabase(config.mongodbUri);
const tokens = createTokens({ secret: config.jwtSecret, expiresIn: config.jwtExpiresIn });

const outer = express();
outer.get('/bench/bare/:id', async (req, res) => {
  res.json(await User.findById(req.params.id).lean());
});
outer.get('/bench/v1-profile', async (req, res) => {
  const claims = tokens.verify(tokenFromHeader(req.get('authorization')) ?? '');
  if (!claims) return res.status(401).end();
  res.json(toProfile(await User.findById(claims.sub).lean()));
});
outer.use(createApp(config));
const server = outer.listen(0, '127.0.0.1', () => console.log(`ready ${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
