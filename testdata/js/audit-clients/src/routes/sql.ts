import { Router } from 'express'
import { PrismaClient } from '@prisma/client'
import pg, { Pool, Client } from 'pg'
import { Pool as NeonPool, Client as NeonClient, neon } from '@neondatabase/serverless'
import postgres from 'postgres'
import mysql from 'mysql2/promise'
import * as mysqlCb from 'mysql2'
import legacyMysql from 'mysql'
import knex from 'knex'
import { Sequelize } from 'sequelize'
import { DataSource } from 'typeorm'
import { Kysely, PostgresDialect } from 'kysely'

export const sqlRouter = Router()

// Every SQL client kind built per request: one singleton finding each.
sqlRouter.get('/prisma', async (_req, res) => {
  const prisma = new PrismaClient() // want: singleton "request handler"
  res.json(await prisma.user.count())
})

sqlRouter.get('/pg-pool', async (_req, res) => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL }) // want: singleton "request handler"
  res.json((await pool.query('SELECT now()')).rows)
})

sqlRouter.get('/pg-client', async (_req, res) => {
  const client = new pg.Client(process.env.DATABASE_URL) // want: singleton
  await client.connect()
  res.json((await client.query('SELECT now()')).rows)
})

sqlRouter.get('/pg-client-named', async (_req, res) => {
  const client = new Client() // want: singleton
  await client.connect()
  try {
    res.json((await client.query('SELECT 1')).rows)
  } finally {
    await client.end()
  }
})

sqlRouter.get('/neon-pool', async (_req, res) => {
  const pool = new NeonPool({ connectionString: process.env.DATABASE_URL }) // want: singleton
  res.json((await pool.query('SELECT 1')).rows)
})

sqlRouter.get('/neon-client', async (_req, res) => {
  const client = new NeonClient(process.env.DATABASE_URL) // want: singleton
  await client.connect()
  res.json((await client.query('SELECT 1')).rows)
})

sqlRouter.get('/neon-http', async (_req, res) => {
  const sql = neon(process.env.DATABASE_URL!) // ok: neon() sends each query over HTTP, no pool
  res.json(await sql`SELECT 1`)
})

sqlRouter.get('/postgres-js', async (_req, res) => {
  const sql = postgres(process.env.DATABASE_URL!, { max: 5 }) // want: singleton
  res.json(await sql`SELECT 1`)
})

sqlRouter.get('/mysql2-pool', async (_req, res) => {
  const pool = mysql.createPool(process.env.MYSQL_URL!) // want: singleton
  const [rows] = await pool.query('SELECT 1')
  res.json(rows)
})

sqlRouter.get('/mysql2-connection', async (_req, res) => {
  const conn = await mysql.createConnection({ uri: process.env.MYSQL_URL }) // want: singleton
  const [rows] = await conn.query('SELECT 1')
  res.json(rows)
})

sqlRouter.get('/mysql2-cluster', async (_req, res) => {
  const cluster = mysqlCb.createPoolCluster() // want: singleton
  cluster.add('primary', { uri: process.env.MYSQL_URL })
  res.json({ ok: true })
})

sqlRouter.get('/mysql-legacy', (_req, res) => {
  const conn = legacyMysql.createConnection({ host: 'db', user: 'app' }) // want: singleton
  conn.query('SELECT 1', (err, rows) => res.json(rows))
})

sqlRouter.get('/knex', async (_req, res) => {
  const db = knex({ client: 'pg', connection: process.env.DATABASE_URL }) // want: singleton
  res.json(await db('users').select('id'))
})

sqlRouter.get('/sequelize', async (_req, res) => {
  const sequelize = new Sequelize(process.env.DATABASE_URL!) // want: singleton
  res.json(await sequelize.query('SELECT 1'))
})

sqlRouter.get('/typeorm', async (_req, res) => {
  const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }) // want: singleton
  await ds.initialize()
  res.json(await ds.query('SELECT 1'))
})

sqlRouter.get('/kysely', async (_req, res) => {
  const db = new Kysely<any>({ // want: singleton
    dialect: new PostgresDialect({ pool: new Pool() }),
  })
  res.json(await db.selectFrom('users').selectAll().execute())
})
