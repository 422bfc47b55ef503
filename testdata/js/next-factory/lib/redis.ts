import { remember } from '@epic-web/remember'
import Redis from 'ioredis'

// ok: a remember()-style cache
export const redis = remember('redis', () => new Redis(process.env.REDIS_URL!))
