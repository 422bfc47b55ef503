import Redis from 'ioredis'
import { getCache } from '@/lib/cache'
import { Database } from '@/lib/db'

// The shared pieces, used per request: nothing is built here.
export async function GET() {
  const cached = await getCache().get('feed')
  if (cached) return new Response(cached)
  const { rows } = await Database.getInstance().pool.query('SELECT * FROM feed LIMIT 20')
  return Response.json(rows)
}

// A static wrapper of this file, called per request. Its own line is
// compared with the singleton too (rule 5: rules 2 and 3 still apply).
class Notifier {
  static open() {
    return new Redis(process.env.REDIS_URL!) // want: singleton "in this module"
  }
}

export async function POST() {
  const r = Notifier.open() // want: singleton "route handler"
  await r.publish('feed', 'changed')
  await r.quit()
  return new Response(null, { status: 204 })
}
