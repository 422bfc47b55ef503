const mysql = require('mysql2')

// ok: mysql (not mysql2/promise) pool used from a run-once main, ended in finally
async function main() {
  const pool = mysql.createPool(process.env.MYSQL_URL) // want: singleton "singleton in src/db.ts"
  try {
    await pool.promise().query('SELECT 1')
  } finally {
    pool.end()
  }
}

main()
