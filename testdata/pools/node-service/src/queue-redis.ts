import Redis from "ioredis";

// A subclass of ioredis's client: each instance is one connection, built
// by `new this()` in the cached static getters.
export default class QueueRedis extends Redis {
  private static client?: QueueRedis;
  private static subscriber?: QueueRedis;

  constructor(url: string, name: string) {
    super(url, { connectionName: name });
  }

  static get defaultClient(): QueueRedis {
    return this.client || (this.client = new this(process.env.REDIS_URL!, "client")); // pools: kind=connection max=1 instances=1 server=redis
  }

  static get defaultSubscriber(): QueueRedis {
    return this.subscriber || (this.subscriber = new this(process.env.REDIS_URL!, "subscriber")); // pools: kind=connection max=1 instances=1 server=redis
  }
}

// A subclass of that subclass, built by name.
class AuditRedis extends QueueRedis {}

export const audit = new AuditRedis(process.env.REDIS_URL!, "audit"); // pools: kind=connection max=1 instances=1 server=redis
