import mysql from 'mysql2/promise'

async function main() {
  // a script building its own connection while src/db.ts is the singleton
  await using conn = await mysql.createConnection(process.env.MYSQL_URL) // want: singleton "singleton in src/db.ts"
  const [rows] = await conn.query('SELECT * FROM orders')
  console.log(rows.length)
}

await main()
