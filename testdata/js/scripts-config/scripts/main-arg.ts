import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from 'pg'

// main only reads the client it is given: the script still holds it, and
// a rejection of main skips the destroy.
async function main(k: Kysely<any>) {
  await k.deleteFrom('sessions').execute()
}

const own = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) }) // want: singleton release "rejects"
await main(own)
await own.destroy()
