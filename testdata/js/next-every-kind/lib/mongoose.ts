import mongoose from 'mongoose'

export const connection = mongoose.createConnection(process.env.MONGODB_URI!) // want: singleton "globalThis"
