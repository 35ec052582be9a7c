import { MongoClient } from 'mongodb';
import serverless from 'serverless-http';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createCustomers } from './customers.ts';
import { createOrders } from './orders.ts';
import { createTokenVerifier } from './tokens.ts';

// module scope: a warm Lambda reuses the app, the connection and jose's cached JWKS
const config = loadConfig();
const client = new MongoClient(config.mongodbUri, { serverSelectionTimeoutMS: 5000 }); // connects on first use
const orders = createOrders(client.db(), config.limits);
const customers = config.webhookSecret ? createCustomers(client.db(), config.webhookSecret, orders) : undefined;
const app = createApp(orders, createTokenVerifier(config.tokens), customers);

export const handler = serverless(app);
