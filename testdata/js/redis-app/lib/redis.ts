import Redis from 'ioredis'

// The cached singleton: chained through .on('error') before it is kept.
const globalForRedis = globalThis as unknown as { redis?: Redis }

export const redis =
  globalForRedis.redis ??
  new Redis(process.env.REDIS_URL!, { lazyConnect: true }).on('error', (err) => console.error('redis', err))

if (process.env.NODE_ENV !== 'production') globalForRedis.redis = redis
