import Redis from 'ioredis'
import { err, ok, type Result } from 'neverthrow'

// The client is kept inside a cached Result.
let limiter: Result<Redis, Error> | undefined

export async function getLimiter() {
  if (limiter) return limiter
  const client = new Redis(process.env.LIMIT_URL!)
  try {
    await client.ping()
  } catch (e) {
    await client.quit()
    return err(e as Error)
  }
  limiter = ok(client)
  return limiter
}
