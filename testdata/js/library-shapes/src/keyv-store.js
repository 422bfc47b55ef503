import { EventEmitter } from 'node:events'
import { MongoClient } from 'mongodb'

// The client is resolved into a promise kept on the instance (reduced from
// @keyv/mongo): built once per store, like a constructor field.
export class MongoStore extends EventEmitter {
  constructor(url) {
    super()
    this.connect = new Promise(async (resolve) => {
      const client = new MongoClient(url) // ok: resolved into this.connect
      await client.connect()
      resolve({ store: client.db().collection('keyv'), mongoClient: client })
    })
  }
}
