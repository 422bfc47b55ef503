import Redis from 'ioredis'

// A subscriber is a dedicated connection: it cannot use the singleton.
const subscriber = new Redis(process.env.REDIS_URL!)

subscriber.psubscribe('user:*')

export function onUserEvent(fn: (channel: string, message: string) => void) {
  subscriber.on('pmessage', (_p, channel, message) => fn(channel, message))
}
