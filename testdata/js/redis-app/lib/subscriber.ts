import Redis from 'ioredis'

// A static-method wrapper: every call opens a new subscriber connection.
export class RedisSubscriber {
  private constructor(private readonly client: Redis) {}

  static createInstance() {
    return new RedisSubscriber(new Redis(process.env.REDIS_URL!))
  }

  async listen(channel: string, onMessage: (m: string) => void) {
    await this.client.subscribe(channel)
    this.client.on('message', (_c, m) => onMessage(m))
  }

  close() {
    return this.client.quit()
  }
}
