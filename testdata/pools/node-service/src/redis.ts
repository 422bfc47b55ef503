import Redis from "ioredis";
import { createClient } from "redis";

export function makeRedis(url: string) {
  return new Redis(url, { maxRetriesPerRequest: null }); // pools: kind=connection max=1 instances=0
}

function makeCluster() {
  return new Redis.Cluster([{ host: "redis-1", port: 6379 }]); // pools: kind=per-node state=unknown instances=0
}

// One factory over two: a cluster or a single connection, whichever the
// environment says; the plan keeps the larger (unknown: per node).
export function makeAny(url: string) {
  if (process.env.REDIS_CLUSTER === "true") {
    return makeCluster(); // pools: kind=per-node state=unknown instances=0
  }
  return makeRedis(url); // pools: kind=connection max=1 instances=0
}

export const publisher = makeRedis(process.env.REDIS_URL!); // pools: kind=connection max=1 instances=1
export const subscriber = makeRedis(process.env.REDIS_URL!); // pools: kind=connection max=1 instances=1
export const shared = makeAny(process.env.REDIS_URL!); // pools: kind=per-node state=unknown instances=1

export const sessions = createClient({ url: process.env.REDIS_URL }); // pools: kind=connection max=1 server=redis
