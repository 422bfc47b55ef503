import mongoose from 'mongoose'

// ok: the Next.js mongoose example caches the connection on global
let cached = (global as any).mongoose
if (!cached) {
  cached = (global as any).mongoose = { conn: null, promise: null }
}

export async function dbConnect() {
  if (cached.conn) return cached.conn
  if (!cached.promise) {
    cached.promise = mongoose.connect(process.env.MONGODB_URI!)
  }
  cached.conn = await cached.promise
  return cached.conn
}
