import { drizzle } from 'drizzle-orm/node-postgres'
import { Pool } from '@neondatabase/serverless'

const globalForDb = globalThis as unknown as { pool?: Pool }

// ok: the pool is cached on globalThis, drizzle wraps it
const pool = globalForDb.pool ?? new Pool({ connectionString: process.env.DATABASE_URL })
if (process.env.NODE_ENV !== 'production') globalForDb.pool = pool

export const db = drizzle(pool)
