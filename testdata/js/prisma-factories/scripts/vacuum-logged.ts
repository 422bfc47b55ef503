import { Pool } from 'pg'

// A rejection is only logged: the pool stays open.
async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL }) // want: release "awaited call fails"
  await pool.query('VACUUM')
  await pool.end()
}

main().catch((e) => console.error(e))
