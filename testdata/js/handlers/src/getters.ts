import { Pool } from 'pg'
import { createClient, type RedisClientType } from 'redis'

let pool: Pool | undefined

// ok: a cached getter (module variable)
export function getPool() {
  if (!pool) {
    pool = new Pool({ max: 5 })
  }
  return pool
}

const clients = new Map<string, RedisClientType>()

// ok: a cache keyed by tenant
export function redisFor(tenant: string) {
  let c = clients.get(tenant)
  if (!c) {
    c = createClient({ url: `redis://${tenant}` }) as RedisClientType
    clients.set(tenant, c)
  }
  return c
}

class Db {
  private pool?: Pool
  // ok: an instance cache
  get() {
    this.pool ??= new Pool()
    return this.pool
  }
}

export const shared = new Db()
