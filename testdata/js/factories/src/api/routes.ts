import Router from '@koa/router'
import makeRedis, { createPool } from '../db/make'
import * as db from '../db/make'
import { createRepo as repo, getPool } from '../db'
import { makeRedis as redisFromBarrel, openMysql } from '../db/index'

export const router = new Router()

router.get('/a', async (ctx) => {
  const pool = createPool() // want: singleton "createPool()"
  ctx.body = (await pool.query('SELECT 1')).rows
})

router.get('/b', async (ctx) => {
  const redis = makeRedis() // want: singleton "makeRedis()"
  ctx.body = await redis.get('k')
})

router.get('/c', async (ctx) => {
  const pool = db.createPool({ max: 1 }) // want: singleton "db.createPool()"
  ctx.body = (await pool.query('SELECT 1')).rows
})

router.get('/d', async (ctx) => {
  const r = repo() // want: singleton "repo()"
  ctx.body = (await r.findUser(ctx.params.id)).rows
})

router.get('/e', async (ctx) => {
  const redis = redisFromBarrel() // want: singleton "redisFromBarrel()"
  ctx.body = await redis.get('k')
})

router.get('/f', async (ctx) => {
  const conn = await openMysql() // want: singleton "openMysql()"
  const [rows] = await conn.query('SELECT 1')
  ctx.body = rows
})

router.get('/g', async (ctx) => {
  const pool = getPool() // ok: a cached getter returns the same pool
  ctx.body = (await pool.query('SELECT 1')).rows
})
