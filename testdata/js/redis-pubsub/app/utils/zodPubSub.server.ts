import { createRedisClient } from '~/redis.server'

type Options = { host: string; port: number }

// A subscriber owns one connection for one channel pattern.
class Subscriber {
  private readonly redis
  constructor(private readonly pattern: string, options: Options) {
    this.redis = createRedisClient('subscriber', options)
  }
  async start(onMessage: (m: string) => void) {
    await this.redis.psubscribe(this.pattern)
    this.redis.on('pmessage', (_p, _c, m) => onMessage(m))
  }
  stop() {
    return this.redis.quit()
  }
}

// A pub/sub whose subscribe() opens a new connection on every call.
export class PubSub {
  private readonly publisher
  constructor(private readonly options: Options) {
    this.publisher = createRedisClient('publisher', options)
  }
  publish(channel: string, message: string) {
    return this.publisher.publish(channel, message)
  }
  async subscribe(pattern: string) {
    const sub = new Subscriber(pattern, this.options)
    return sub
  }
}
