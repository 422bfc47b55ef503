import Redis from "ioredis";

// holdout: pos singleton, pos release (rule 3: src/lib/cache.ts is the Redis singleton; main(); await quit skips the release when main rejects)
const redis = new Redis(process.env.REDIS_URL!);

async function main() {
  const keys = await redis.keys("session:*");
  if (keys.length) await redis.del(...keys);
}

main();
await redis.quit();
