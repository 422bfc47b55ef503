import { drizzle } from 'drizzle-orm/node-postgres'
import { Pool } from 'pg'

const globalForDb = globalThis as unknown as { conn?: Pool }

// ok: the pool is cached, drizzle wraps it
const conn = globalForDb.conn ?? new Pool({ connectionString: process.env.DATABASE_URL })
if (process.env.NODE_ENV !== 'production') globalForDb.conn = conn
export const orm = drizzle(conn)
