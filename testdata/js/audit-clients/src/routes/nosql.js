import { Router } from 'express'
import { MongoClient } from 'mongodb'
import mongoose from 'mongoose'
import Redis, { Cluster } from 'ioredis'
import IORedis from 'ioredis'
import { createClient, createCluster } from 'redis'
import { drizzle } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePg } from 'drizzle-orm/postgres-js'
import { drizzle as drizzleMy } from 'drizzle-orm/mysql2'
import { drizzle as drizzleNeon } from 'drizzle-orm/neon-serverless'
import { pool } from '../lib/pool.js'

export const nosqlRouter = Router()

nosqlRouter.get('/mongo-new', async (req, res) => {
  const client = new MongoClient(process.env.MONGO_URL) // want: singleton "request handler"
  await client.connect()
  res.json(await client.db().collection('users').findOne({ _id: req.params.id }))
})

nosqlRouter.get('/mongo-connect', async (req, res) => {
  const client = await MongoClient.connect(process.env.MONGO_URL) // want: singleton
  res.json(await client.db().collection('users').countDocuments())
})

nosqlRouter.get('/mongoose-connect', async (req, res) => {
  await mongoose.connect(process.env.MONGO_URL) // want: singleton
  res.json({ ok: true })
})

nosqlRouter.get('/mongoose-conn', async (req, res) => {
  const conn = mongoose.createConnection(process.env.MONGO_URL) // want: singleton
  res.json(await conn.db.collection('users').countDocuments())
})

nosqlRouter.get('/ioredis', async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL) // want: singleton
  res.json(await redis.get(req.query.key))
})

nosqlRouter.get('/ioredis-cluster', async (req, res) => {
  const cluster = new Cluster([{ host: 'redis-1', port: 6379 }]) // want: singleton
  res.json(await cluster.get('k'))
})

nosqlRouter.get('/ioredis-static-cluster', async (req, res) => {
  const cluster = new IORedis.Cluster([{ host: 'redis-1', port: 6379 }]) // want: singleton
  res.json(await cluster.get('k'))
})

nosqlRouter.get('/node-redis', async (req, res) => {
  const client = await createClient({ url: process.env.REDIS_URL }).connect() // want: singleton
  res.json(await client.get('k'))
})

nosqlRouter.get('/node-redis-cluster', async (req, res) => {
  const cluster = createCluster({ rootNodes: [{ url: process.env.REDIS_URL }] }) // want: singleton
  await cluster.connect()
  res.json(await cluster.get('k'))
})

nosqlRouter.get('/drizzle-url', async (req, res) => {
  const db = drizzle(process.env.DATABASE_URL) // want: singleton
  res.json(await db.execute('select 1'))
})

nosqlRouter.get('/drizzle-postgres-js', async (req, res) => {
  const db = drizzlePg(`postgres://app@db/${req.params.tenant}`) // want: singleton
  res.json(await db.execute('select 1'))
})

nosqlRouter.get('/drizzle-mysql', async (req, res) => {
  const db = drizzleMy({ connection: { uri: process.env.MYSQL_URL } }) // want: singleton
  res.json(await db.execute('select 1'))
})

nosqlRouter.get('/drizzle-neon', async (req, res) => {
  const db = drizzleNeon({ connection: process.env.DATABASE_URL }) // want: singleton
  res.json(await db.execute('select 1'))
})

nosqlRouter.get('/drizzle-shared-pool', async (req, res) => {
  const db = drizzle(pool) // ok: drizzle over the shared pool opens nothing
  const db2 = drizzle({ client: pool }) // ok: the same with an options object
  res.json([await db.execute('select 1'), await db2.execute('select 1')])
})
