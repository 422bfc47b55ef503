import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from '@neondatabase/serverless'

export const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) }) // want: singleton "globalThis"
