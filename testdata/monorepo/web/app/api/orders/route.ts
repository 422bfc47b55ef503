import { Pool } from 'pg'

export async function GET() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL }) // want singleton
  const { rows } = await pool.query('select * from orders')
  return Response.json(rows)
}
