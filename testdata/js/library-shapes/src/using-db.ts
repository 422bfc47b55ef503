import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from 'pg'

function getDb(url: string) {
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: url }) }) }) // ok: the wrapper's own line
}

// Builds, lends to a callback, destroys: the callback's result is returned,
// not the client (reduced from kysely-ctl's usingKysely).
export async function usingDb<T>(url: string, callback: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const db = getDb(url) // want: singleton "getDb()"
  try {
    return await callback(db)
  } finally {
    await db.destroy()
  }
}
