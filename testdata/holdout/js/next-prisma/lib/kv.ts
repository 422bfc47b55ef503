import { Redis } from "@upstash/redis";

export function edgeKv() {
  // holdout: neg (lookalike: @upstash/redis Redis is an HTTP client)
  return new Redis({
    url: process.env.UPSTASH_REDIS_REST_URL!,
    token: process.env.UPSTASH_REDIS_REST_TOKEN!,
  });
}
