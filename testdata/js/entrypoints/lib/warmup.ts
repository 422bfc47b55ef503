import Redis from 'ioredis'

// Imported for its side effect by the app: not a script, even though it
// exports nothing and calls its own function.
const redis = new Redis(process.env.REDIS_URL!)

async function warm() {
  await redis.set('warm', Date.now())
}

warm()
