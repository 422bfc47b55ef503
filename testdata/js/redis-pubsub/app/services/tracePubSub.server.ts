import { EventEmitter } from 'node:events'
import { createRedisClient } from '~/redis.server'
import { singleton } from '~/utils/singleton'

class TracePubSub {
  constructor(private readonly options: { host: string; port: number }) {}

  // A subscriber connection per call, handed back through closures.
  async subscribeToTrace(traceId: string) {
    const redis = createRedisClient('trace-subscriber', this.options)
    await redis.subscribe(`trace:${traceId}`)
    const events = new EventEmitter()
    redis.on('message', (_c, m) => events.emit('message', m))
    const unsubscribe = async () => {
      await redis.quit()
    }
    return { unsubscribe, events }
  }
}

export const tracePubSub = singleton('tracePubSub', () => new TracePubSub({ host: process.env.PUBSUB_HOST!, port: 6379 }))
