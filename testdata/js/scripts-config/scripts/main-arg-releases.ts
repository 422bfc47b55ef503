import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from 'pg'

// main is handed the client and destroys it itself: handed on.
async function main(k: Kysely<any>) {
  try {
    await k.deleteFrom('sessions').execute()
  } finally {
    await k.destroy()
  }
}

const own = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) }) // want: singleton
await main(own)
