import { MongoClient } from 'mongodb'

// A session store: the client it builds in its constructor is kept on the
// instance through a local, so the class is a wrapper (reduced from
// connect-mongo's MongoStore).
export class SessionStore {
  constructor(options) {
    let clientP
    if (options.mongoUrl) clientP = MongoClient.connect(options.mongoUrl) // ok: kept on the instance
    else if (options.client) clientP = Promise.resolve(options.client)
    else throw new Error('mongoUrl or client is required')
    this.clientP = clientP
  }

  static create(options) {
    return new SessionStore(options) // ok: the class's own factory
  }
}
