// Run once (package.json "backfill"): copies report totals into the
// summary table.
const { Pool } = await import('pg').then((mod) => mod.default)

const pool = new Pool({ connectionString: process.env.REPORTS_URL }) // want: release "awaited call fails"
await pool.query('INSERT INTO report_totals SELECT report_id, sum(amount) FROM report_rows GROUP BY report_id')
await pool.end()
