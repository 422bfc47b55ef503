#!/usr/bin/env -S npx tsx
// One-off maintenance tasks: each owns its client and must release it.
import { PrismaClient } from '@prisma/client'
import pg from 'pg'
import { Pool as NeonPool } from '@neondatabase/serverless'
import postgres from 'postgres'
import mysql from 'mysql2/promise'
import knex from 'knex'
import { Sequelize } from 'sequelize'
import { DataSource } from 'typeorm'
import { Kysely, PostgresDialect } from 'kysely'
import { drizzle } from 'drizzle-orm/node-postgres'

async function prismaLeak() {
  const prisma = new PrismaClient() // want: release "never released"
  await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })
}

async function prismaOk() {
  const prisma = new PrismaClient() // ok: $disconnect in finally
  try {
    await prisma.session.deleteMany()
  } finally {
    await prisma.$disconnect()
  }
}

async function pgPoolLeak() {
  const pool = new pg.Pool() // want: release "pool.end()"
  await pool.query('VACUUM')
}

async function pgPoolOk() {
  const pool = new pg.Pool() // ok
  try {
    await pool.query('VACUUM')
  } finally {
    await pool.end()
  }
}

async function pgClientLeak() {
  const client = new pg.Client() // want: release "awaited call fails"
  await client.connect()
  await client.query('ANALYZE')
  await client.end()
}

async function neonLeak() {
  const pool = new NeonPool({ connectionString: process.env.DATABASE_URL }) // want: release "never released"
  await pool.query('SELECT 1')
}

async function postgresLeak() {
  const sql = postgres(process.env.DATABASE_URL!) // want: release "sql.end()"
  await sql`DELETE FROM jobs WHERE done`
}

async function postgresOk() {
  const sql = postgres(process.env.DATABASE_URL!) // ok
  try {
    await sql`DELETE FROM jobs WHERE done`
  } finally {
    await sql.end({ timeout: 5 })
  }
}

async function mysqlLeak() {
  const conn = await mysql.createConnection(process.env.MYSQL_URL!) // want: release "conn.end()"
  await conn.query('OPTIMIZE TABLE orders')
}

async function mysqlDisposed() {
  await using conn = await mysql.createConnection(process.env.MYSQL_URL!) // ok: mysql2 disposes
  await conn.query('OPTIMIZE TABLE orders')
}

async function knexLeak() {
  const db = knex({ client: 'pg', connection: process.env.DATABASE_URL }) // want: release "db.destroy()"
  await db('sessions').del()
}

async function knexOk() {
  const db = knex({ client: 'pg', connection: process.env.DATABASE_URL }) // ok
  await db('sessions').del().finally(() => db.destroy())
}

async function sequelizeLeak() {
  const sequelize = new Sequelize(process.env.DATABASE_URL!) // want: release "sequelize.close()"
  await sequelize.sync()
}

async function sequelizeOk() {
  const sequelize = new Sequelize(process.env.DATABASE_URL!) // ok
  try {
    await sequelize.sync()
  } finally {
    await sequelize.close()
  }
}

async function typeormLeak() {
  const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }) // want: release "ds.destroy()"
  await ds.initialize()
  await ds.runMigrations()
}

async function typeormOk() {
  const ds = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize() // ok
  try {
    await ds.runMigrations()
  } finally {
    await ds.destroy()
  }
}

async function kyselyLeak() {
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) }) // want: release "db.destroy()"
  await db.deleteFrom('sessions').execute()
}

async function drizzleLeak() {
  const db = drizzle(process.env.DATABASE_URL!) // want: release "db.$client.end()"
  await db.execute('select 1')
}

async function drizzleOk() {
  const db = drizzle(process.env.DATABASE_URL!) // ok: $client.end in finally
  try {
    await db.execute('select 1')
  } finally {
    await db.$client.end()
  }
}

await prismaLeak()
await prismaOk()
await pgPoolLeak()
await pgPoolOk()
await pgClientLeak()
await neonLeak()
await postgresLeak()
await postgresOk()
await mysqlLeak()
await mysqlDisposed()
await knexLeak()
await knexOk()
await sequelizeLeak()
await sequelizeOk()
await typeormLeak()
await typeormOk()
await kyselyLeak()
await drizzleLeak()
await drizzleOk()
