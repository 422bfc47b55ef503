import Redis from 'ioredis'

// An uncached module-level client that could share the singleton.
const board = new Redis(process.env.REDIS_URL!) // want: singleton "singleton in lib/redis.ts"

export async function top() {
  return board.zrevrange('board', 0, 9)
}
