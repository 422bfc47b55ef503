import { pool } from '~/lib/pg.js'

export async function cleanup() {
  const client = await pool.connect() // want: release "not released if an awaited call fails"
  await client.query('DELETE FROM sessions WHERE expires < now()')
  client.release()
}
