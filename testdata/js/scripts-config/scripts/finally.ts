import { db } from '../src/db/client' // ok: destroyed in finally

try {
  console.log(await db.selectFrom('users').selectAll().execute())
} finally {
  await db.destroy()
}
