import { Pool } from 'pg'

// A script that builds its own pool while lib/db.ts exists, and never ends
// it: after importing the singleton it must still end it, so both findings.
async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL }) // want: singleton "this script" release "never released"
  await pool.query("DELETE FROM sessions WHERE expires_at < now()")
}

main()
