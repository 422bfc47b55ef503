#!/usr/bin/env node
import { MongoClient } from 'mongodb'
import mongoose from 'mongoose'
import Redis from 'ioredis'
import { createClient } from 'redis'

async function mongoLeak() {
  const client = new MongoClient(process.env.MONGO_URL) // want: release "client.close()"
  await client.connect()
  await client.db().collection('events').deleteMany({})
}

async function mongoOk() {
  const client = await MongoClient.connect(process.env.MONGO_URL) // ok
  try {
    await client.db().collection('events').deleteMany({})
  } finally {
    await client.close()
  }
}

async function mongooseLeak() {
  const conn = await mongoose.createConnection(process.env.MONGO_URL).asPromise() // want: release "never released"
  await conn.db.collection('events').deleteMany({})
}

async function mongooseOk() {
  const conn = mongoose.createConnection(process.env.MONGO_URL) // ok
  try {
    await conn.asPromise()
  } finally {
    await conn.close()
  }
}

async function ioredisLeak() {
  const redis = new Redis(process.env.REDIS_URL) // want: release "redis.quit()"
  await redis.flushdb()
}

async function ioredisOk() {
  const redis = new Redis(process.env.REDIS_URL) // ok: disconnect counts
  try {
    await redis.flushdb()
  } finally {
    redis.disconnect()
  }
}

async function redisLeak() {
  const client = createClient({ url: process.env.REDIS_URL }) // want: release "client.quit()"
  await client.connect()
  await client.flushAll()
}

async function redisOk() {
  const client = await createClient({ url: process.env.REDIS_URL }).connect() // ok: close counts
  try {
    await client.flushAll()
  } finally {
    await client.close()
  }
}

await mongoLeak()
await mongoOk()
await mongooseLeak()
await mongooseOk()
await ioredisLeak()
await ioredisOk()
await redisLeak()
await redisOk()
