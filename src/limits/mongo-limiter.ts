import mongoose from 'mongoose';
import { RateLimiterMongo, type IRateLimiterStoreOptions } from 'rate-limiter-flexible';
import { RATE_LIMIT_COLLECTION } from './rate-limit.model';

type LimiterOptions = Pick<IRateLimiterStoreOptions, 'keyPrefix' | 'points' | 'duration'>;

/**
 * A RateLimiterMongo on the app's own connection, built on first use (createApp does not connect) and built
 * again when mongoose has reconnected with a new client. Its counters are single `$inc` upserts.
 */
export function lazyMongoLimiter(options: LimiterOptions): () => RateLimiterMongo {
  let built: { client: unknown; limiter: RateLimiterMongo } | undefined;
  return () => {
    const client = mongoose.connection.getClient();
    if (built?.client !== client) {
      const limiter = new RateLimiterMongo({
        ...options,
        storeClient: client,
        dbName: mongoose.connection.name,
        tableName: RATE_LIMIT_COLLECTION,
        disableIndexesCreation: true, // db.ts builds them with the app's other indexes
      });
      built = { client, limiter };
    }
    return built.limiter;
  };
}
