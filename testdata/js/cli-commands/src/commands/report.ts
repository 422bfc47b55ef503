import pg from 'pg'
import { databaseUrl } from '../env.js'

// The command's main ends the process, but the admin server imports this
// helper too and calls it per request.
export async function countOrders(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl('shop') }) // want: singleton "every call"
  await client.connect()
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM orders')
    return rows[0].n
  } finally {
    await client.end()
  }
}

export default async function report() {
  try {
    console.log(`${await countOrders()} orders`)
    process.exit(0)
  } catch (err) {
    console.error(err)
    process.exit(1)
  }
}
