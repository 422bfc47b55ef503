import Redis from 'ioredis'

export async function GET() {
  const r = new Redis(process.env.REDIS_URL!) // want: singleton "import the shared client from lib/redis.ts"
  const n = await r.incr('hits')
  await r.quit()
  return Response.json({ n })
}
