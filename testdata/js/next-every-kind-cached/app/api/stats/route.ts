import { pool } from '@/lib/pg'
import sql from '@/lib/sql'
import { db } from '@/lib/mysql'
import { redis } from '@/lib/redis'

// ok: the route uses the shared clients
export async function GET() {
  const [a, b, [c], d] = await Promise.all([pool.query('SELECT 1'), sql`SELECT 2`, db.query('SELECT 3'), redis.get('k')])
  return Response.json({ a: a.rows, b, c, d })
}
