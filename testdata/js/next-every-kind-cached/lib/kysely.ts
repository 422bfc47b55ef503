import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from '@neondatabase/serverless'

const globalForDb = globalThis as unknown as { db?: Kysely<any> }

// ok: the pool goes into the cached Kysely
export const db = globalForDb.db ?? new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) })
if (process.env.NODE_ENV !== 'production') globalForDb.db = db
