import QueueRedis from "./queue-redis";

// A subclass of ioredis's client imported from another module.
export const locks = new QueueRedis(process.env.REDIS_URL!, "locks"); // pools: kind=connection max=1 instances=1 server=redis
