import Redis from "ioredis";
import { createClient } from "redis";

export function makeRedis(url: string) {
  return new Redis(url, { maxRetriesPerRequest: null }); // pools: kind=connection max=1 instances=0
}

export const publisher = makeRedis(process.env.REDIS_URL!); // pools: kind=connection max=1 instances=1
export const subscriber = makeRedis(process.env.REDIS_URL!); // pools: kind=connection max=1 instances=1

export const sessions = createClient({ url: process.env.REDIS_URL }); // pools: kind=connection max=1 server=redis
