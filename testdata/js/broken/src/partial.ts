import { Pool } from 'pg'

export function broken( {
  const x = = 1 +
}

export async function handler(req: Request) {
  const pool = new Pool() // want: singleton
  return Response.json((await pool.query('select 1')).rows)
}
