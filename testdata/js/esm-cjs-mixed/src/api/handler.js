import { database } from '~/lib'
import { sql } from '@db'
import { createRedis } from '~/lib/index.js'
import { makeRedis as mk } from '../lib/clients.js'
import { Pool as PgPool } from 'pg'
import * as pg from 'pg'

export function register(app) {
  app.get('/a', async (req, res) => {
    res.json(await database`select 1`) // ok: the singleton through a barrel alias
  })
  app.get('/b', async (req, res) => {
    res.json(await sql`select 2`) // ok: exact tsconfig alias
  })
  app.get('/c', async (req, res) => {
    const redis = createRedis() // want: singleton "createRedis()"
    res.json(await redis.get('k'))
  })
  app.post('/d', async (req, res) => {
    const r = mk() // want: singleton "mk()"
    try {
      res.json(await r.get('k'))
    } finally {
      await r.quit()
    }
  })
  app.get('/e', async (req, res) => {
    const p = new PgPool() // want: singleton "request handler"
    res.json((await p.query('select 1')).rows)
  })
  app.get('/f', async (req, res) => {
    const c = new pg.Client() // want: singleton
    await c.connect()
    res.json((await c.query('select 1')).rows)
  })
  app.get('/g', async (req, res) => {
    const { default: pgm } = await import('pg')
    const p = new pgm.Pool() // want: singleton
    res.json((await p.query('select 1')).rows)
  })
}
