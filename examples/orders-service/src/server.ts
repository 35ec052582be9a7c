import { MongoClient } from 'mongodb';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createCustomers } from './customers.ts';
import { createOrders } from './orders.ts';
import { createTokenVerifier } from './tokens.ts';

// The local server: `npm start`.
const config = loadConfig();
const client = await new MongoClient(config.mongodbUri, { serverSelectionTimeoutMS: 5000 }).connect();
const orders = createOrders(client.db(), config.limits);
const customers = config.webhookSecret ? createCustomers(client.db(), config.webhookSecret, orders) : undefined;
const app = createApp(orders, createTokenVerifier(config.tokens), customers);
const server = app.listen(config.port, () => {
  const { port } = server.address() as { port: number };
  console.log(`orders-service listening on http://localhost:${port}`);
});

const stop = () => server.close(() => void client.close());
process.once('SIGTERM', stop).once('SIGINT', stop);
