import pg from 'pg'
import { databaseUrl } from '../../env.js'

const steps = [
  'CREATE TABLE IF NOT EXISTS products (id serial PRIMARY KEY, title text NOT NULL)',
  'CREATE TABLE IF NOT EXISTS orders (id serial PRIMARY KEY, product_id int REFERENCES products)',
]

// Run once per process like create, and still checked by release: a
// failed step leaves the pool open.
export async function migrate(name: string) {
  const pool = new pg.Pool({ connectionString: databaseUrl(name) }) // want: release
  for (const sql of steps) {
    await pool.query(sql)
  }
  await pool.end()
}

export default async function ({ args }: { args: string[] }) {
  try {
    await migrate(args[0] ?? 'shop')
    process.exit(0)
  } catch (err) {
    console.error(err)
    process.exit(1)
  }
}
