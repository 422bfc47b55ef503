import { Redis } from 'ioredis'

// a factory (reduced from Directus)
export const createRedis = () => new Redis(process.env.REDIS_URL) // ok: the factory's own line
