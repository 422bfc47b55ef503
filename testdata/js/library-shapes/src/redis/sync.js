import { Redis } from 'ioredis'

let manager

// ok: a second process-wide client of the same kind (a dedicated
// connection): several cached modules are each a singleton
class RedisSync {
  constructor() {
    this.client = new Redis(process.env.REDIS_URL)
  }
}

export function getSync() {
  if (manager) return manager
  manager = new RedisSync()
  return manager
}
