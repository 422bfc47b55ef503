import { createClient, type RedisClientType } from 'redis'

const globalForRedis = globalThis as unknown as { redis?: RedisClientType }

// ok: ||=
export const redis = (globalForRedis.redis ||= createClient({ url: process.env.REDIS_URL }) as RedisClientType)
