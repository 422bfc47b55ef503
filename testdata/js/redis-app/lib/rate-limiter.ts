import Redis from 'ioredis'
import { singleton } from './singleton'

class RateLimiter {
  constructor(private readonly redis: Redis) {}
  async hit(key: string) {
    return this.redis.incr(key)
  }
}

// The initialiser is handed to singleton() by name: it runs once, and the
// module keeps its client private (it is not a singleton to import).
function initRateLimiter() {
  return new RateLimiter(new Redis(process.env.LIMIT_URL!))
}

export const rateLimiter = singleton('rateLimiter', initRateLimiter)
