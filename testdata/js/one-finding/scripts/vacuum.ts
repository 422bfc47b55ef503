import { Pool } from 'pg'

// Its own pool, ended in finally: only the singleton finding.
async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL }) // want: singleton "this script"
  try {
    await pool.query('VACUUM ANALYZE')
  } finally {
    await pool.end()
  }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
