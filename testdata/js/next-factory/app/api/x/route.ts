import prisma from '@/lib/prisma'
import { redis } from '@/lib/redis'
import { pool } from '@/lib/pg'

export async function GET() {
  const client = await pool.connect() // want: release "awaited call fails"
  const r = await client.query('select 1')
  client.release()
  return Response.json({ users: await prisma.user.count(), k: await redis.get('k'), r: r.rows }) // ok
}
