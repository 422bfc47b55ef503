import IORedis from 'ioredis'

// a factory: new client per call
export function createRedis() {
  return new IORedis(process.env.REDIS_URL) // ok: the wrapper's own line
}

export const makeRedis = () => new IORedis() // ok: the wrapper's own line
