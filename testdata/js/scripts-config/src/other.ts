import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from 'pg'

export const analytics = new Kysely<any>({ // want: singleton "singleton in src/db/client.ts"
  dialect: new PostgresDialect({ pool: new Pool() }),
})
