import { MongoClient } from 'mongodb'

const globalWithMongo = global as typeof globalThis & { _mongoClientPromise?: Promise<MongoClient> }

// ok: the with-mongodb example of Next.js
let clientPromise: Promise<MongoClient>
if (process.env.NODE_ENV === 'development') {
  if (!globalWithMongo._mongoClientPromise) {
    globalWithMongo._mongoClientPromise = new MongoClient(process.env.MONGODB_URI!).connect()
  }
  clientPromise = globalWithMongo._mongoClientPromise
} else {
  clientPromise = new MongoClient(process.env.MONGODB_URI!).connect() // ok: production has no hot reload
}
export default clientPromise
