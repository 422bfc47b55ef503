import Redis from 'ioredis'

// A cached getter whose client is chained through .on() and handed into
// a kept wrapper object: built once, not on every call.
class CacheService {
  constructor(private readonly client: Redis) {}
  get(key: string) {
    return this.client.get(key)
  }
}

let cache: CacheService | undefined

export function getCache() {
  if (!cache) {
    const client = new Redis(process.env.CACHE_URL!)
      .on('error', (err) => console.error('cache', err))
      .once('ready', () => console.log('cache ready'))
    cache = new CacheService(client)
  }
  return cache
}
