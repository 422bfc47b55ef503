import { Pool } from 'pg'

// main's rejection ends the process: every path releases or exits.
async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL })
  const { rows } = await pool.query('SELECT relname FROM pg_stat_user_tables WHERE n_dead_tup > 1000')
  for (const r of rows) await pool.query(`VACUUM ${r.relname}`)
  await pool.end()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
