import { PrismaClient } from '@prisma/client'
import { PrismaPg } from '@prisma/adapter-pg'
import { Pool } from 'pg'
import { singleton } from './singleton'
import { selectTopology } from './topology'

// A helper that extends the client and hands the extended one back: it
// does not only read it.
function tagged<T extends PrismaClient>(label: string, client: T): T {
  return client.$extends({ name: label }) as unknown as T
}

// Returns a struct holding a new pool: a wrapper.
function buildDriverPool(url: string) {
  const pool = new Pool({ connectionString: url, max: 10 })
  pool.on('error', (e) => console.error('pool', e))
  return { pool, adapter: new PrismaPg(pool) }
}

// A factory: the pool it builds belongs to the client it returns.
export function buildClient(url: string, useAdapter = process.env.PG_ADAPTER === '1') {
  const driver = useAdapter ? buildDriverPool(url) : undefined
  const client = driver
    ? new PrismaClient({ adapter: driver.adapter })
    : new PrismaClient({ datasources: { db: { url } } })
  if (driver) driver.pool.on('connect', () => console.log('connected'))
  return client
}

// Built once: the builders run inside the cached topology.
export const topology = singleton('topology', () =>
  selectTopology(process.env.SPLIT === '1', {
    writer: () => tagged('writer', buildClient(process.env.DATABASE_URL!)),
    replica: (url) => tagged('replica', buildClient(url)),
  }),
)

export const prisma = topology.writer
