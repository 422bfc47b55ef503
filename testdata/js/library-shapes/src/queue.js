import { createClient } from 'redis'

// The client is kept on the instance from a .then callback (reduced from
// bee-queue's Queue#makeClient).
export class Queue {
  makeClient(name) {
    return createClient({ url: process.env.REDIS_URL }) // ok: this[name] keeps it
      .connect()
      .then((client) => (this[name] = client))
  }
}
