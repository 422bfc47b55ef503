import { db } from '../src/db/client' // want: release "never released"

const rows = await db.selectFrom('users').selectAll().execute()
console.log(rows)
