import pg from 'pg'
import { databaseUrl } from '../env.js'

// Not a command that ends the process: it hands its numbers back, and the
// admin server calls it per request.
export default async function stats() {
  const client = new pg.Client({ connectionString: databaseUrl('shop') }) // want: singleton "every call"
  await client.connect()
  try {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM products')
    if (rows.length === 0) {
      return { products: 0 }
    }
    return { products: rows[0].n }
  } finally {
    await client.end()
  }
}
