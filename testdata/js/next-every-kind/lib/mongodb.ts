import { MongoClient } from 'mongodb'

const client = new MongoClient(process.env.MONGODB_URI!) // want: singleton "globalThis"
export default client
