import type { NextApiRequest, NextApiResponse } from 'next'
import { Pool } from 'pg'

// A pages-router API route: runs per request.
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const pool = new Pool() // want: singleton "Next.js API route"
  res.json((await pool.query('SELECT * FROM users')).rows)
}
