import { Redis } from "ioredis";

// holdout: neg (singleton module for the Redis kind, not a Next.js project)
export const cache = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
