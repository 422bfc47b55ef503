const express = require('express')
const db = require('../db')
const { pool } = require('../db')

const router = express.Router()

router.get('/ok', async (req, res) => {
  const client = await db.pool.connect() // ok: released in finally
  try {
    const { rows } = await client.query('SELECT * FROM users')
    res.json(rows)
  } finally {
    client.release()
  }
})

router.get('/try-only', async (req, res) => {
  const client = await pool.connect() // want: release "not released"
  try {
    const { rows } = await client.query('SELECT 1')
    client.release()
    res.json(rows)
  } catch (err) {
    res.status(500).end()
  }
})

router.get('/early-return/:id', async (req, res) => {
  const client = await pool.connect() // want: release "returns early"
  if (!req.params.id) {
    return res.status(400).end()
  }
  try {
    res.json((await client.query('SELECT $1', [req.params.id])).rows)
  } finally {
    client.release()
  }
})

router.post('/throw', async (req, res) => {
  const client = await pool.connect() // want: release "thrown"
  if (!req.body) throw new Error('no body')
  try {
    await client.query('INSERT INTO t VALUES ($1)', [req.body.x])
  } finally {
    client.release()
  }
  res.end()
})

router.post('/catch-only', async (req, res) => {
  const client = await pool.connect() // want: release
  try {
    await client.query('BEGIN')
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK')
    client.release()
    throw e
  }
  res.end()
})

router.get('/no-await-between', async (req, res) => {
  const client = await pool.connect() // want: release "awaited call fails"
  const r = await client.query('SELECT 1')
  client.release()
  res.json(r.rows)
})

router.get('/callback', (req, res) => {
  // ok: callback-style acquisition is not tracked
  pool.connect((err, client, done) => {
    if (err) return res.status(500).end()
    client.query('SELECT 1', (e, r) => {
      done()
      res.json(r.rows)
    })
  })
})

router.get('/query', async (req, res) => {
  const { rows } = await pool.query('SELECT 1') // ok: pool.query releases by itself
  res.json(rows)
})

router.get('/guarded', async (req, res) => {
  let client
  try {
    client = await pool.connect() // ok: released in finally behind a guard
    res.json((await client.query('SELECT 1')).rows)
  } finally {
    if (client) client.release()
  }
})

router.get('/all-paths', async (req, res) => {
  const client = await db.pool.connect() // ok: every branch releases
  let r
  try {
    r = await client.query('SELECT 1')
  } catch (e) {
    client.release()
    return res.status(500).end()
  }
  if (r.rowCount === 0) {
    client.release()
    return res.status(404).end()
  }
  client.release()
  res.json(r.rows)
})

router.get('/handed-off', async (req, res) => {
  const client = await pool.connect() // ok: handed to a helper that keeps it
  req.dbClient = client
  res.end()
})

module.exports = router
