import { MongoClient } from 'mongodb';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createOrders } from './orders.ts';
import { createTokenVerifier } from './tokens.ts';

// The local server: `npm start`.
const config = loadConfig();
const client = await new MongoClient(config.mongodbUri, { serverSelectionTimeoutMS: 5000 }).connect();
const app = createApp(createOrders(client.db(), config.limits), createTokenVerifier(config.tokens));
const server = app.listen(config.port, () => {
  const { port } = server.address() as { port: number };
  console.log(`orders-service listening on http://localhost:${port}`);
});

const stop = () => server.close(() => void client.close());
process.once('SIGTERM', stop).once('SIGINT', stop);
