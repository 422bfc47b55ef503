import mongoose from 'mongoose'

const g = globalThis as unknown as { mongooseConn?: mongoose.Connection }

// ok: cached on globalThis
export const connection = g.mongooseConn ?? (g.mongooseConn = mongoose.createConnection(process.env.MONGODB_URI!))
