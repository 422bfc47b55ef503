import Redis from "ioredis";

// Shared Redis connection for rate limiting and caching.
export const redis =
  // holdout: pos singleton (rule 4: Next.js singleton module builds at module scope without globalThis)
  new Redis(process.env.REDIS_URL ?? "redis://localhost:6379", {
    maxRetriesPerRequest: 2,
  });
