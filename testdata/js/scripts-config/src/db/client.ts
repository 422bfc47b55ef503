import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from 'pg'

// ok: the configured singleton
export const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) })
