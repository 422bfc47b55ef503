import { MongoClient } from 'mongodb'
import Redis from 'ioredis'
import { createClient } from 'redis'
import knex from 'knex'
import { Sequelize } from 'sequelize'
import { DataSource } from 'typeorm'
import { drizzle } from 'drizzle-orm/postgres-js'
import { drizzle as drizzleNode } from 'drizzle-orm/node-postgres'
import { Kysely } from 'kysely'
import postgres from 'postgres'
import { db } from '@/lib/drizzle'
import { dbConnect } from '@/lib/mongoose'

export async function GET() {
  const mongo = await MongoClient.connect(process.env.MONGO_URL!) // want: singleton "route handler"
  const redis = new Redis() // want: singleton
  const r2 = createClient() // want: singleton
  const k = knex({ client: 'pg', connection: process.env.DATABASE_URL }) // want: singleton
  const s = new Sequelize(process.env.DATABASE_URL!) // want: singleton
  const ds = new DataSource({ type: 'postgres' }) // want: singleton
  const d = drizzle(process.env.DATABASE_URL!) // want: singleton
  const d2 = drizzle({ connection: process.env.DATABASE_URL! }) // want: singleton
  const wrapped = drizzleNode(db.$client) // ok: drizzle over an existing client
  const ky = new Kysely<any>({ dialect: {} as any }) // want: singleton
  const sql = postgres() // want: singleton
  await dbConnect() // ok: the cached mongoose connection
  await db.execute('select 1') // ok: the shared drizzle db
  await mongo.db().command({ ping: 1 })
  await redis.get('a')
  await r2.get('b')
  await k.raw('select 1')
  await s.authenticate()
  await ds.initialize()
  await d.execute('select 1')
  await d2.execute('select 1')
  await wrapped.execute('select 1')
  await ky.selectFrom('t').execute()
  await sql`select 1`
  return Response.json({ ok: true })
}
