import Redis from 'ioredis'

// ok: a type test file (tstyche) is a test
const redis = new Redis()
export { redis }
