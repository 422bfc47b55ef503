const express = require('express');
const pg = require('pg');
const { pool } = require('../lib/db');
const { getRedis } = require('../lib/redis');

const router = express.Router();

router.get('/accounts/:id', async (req, res, next) => {
  // holdout: neg release (finally)
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM accounts WHERE id = $1', [req.params.id]);
    res.json(rows[0]);
  } catch (err) {
    next(err);
  } finally {
    client.release();
  }
});

router.post('/accounts/:id/close', async (req, res) => {
  // holdout: pos release (rule 1: error branch returns before release)
  const client = await pool.connect();
  const { rows } = await client.query('SELECT balance FROM accounts WHERE id = $1', [req.params.id]);
  if (rows[0].balance > 0) {
    return res.status(409).json({ error: 'balance not zero' });
  }
  await client.query('UPDATE accounts SET closed = true WHERE id = $1', [req.params.id]);
  client.release();
  res.status(204).end();
});

router.get('/accounts', (req, res, next) => {
  // holdout: neg release (callback-style acquisition with release())
  pool.connect((err, client, release) => {
    if (err) return next(err);
    client.query('SELECT id, name FROM accounts ORDER BY id LIMIT 100', (qerr, result) => {
      release();
      if (qerr) return next(qerr);
      res.json(result.rows);
    });
  });
});

router.get('/accounts/:id/ping', async (req, res) => {
  // holdout: pos singleton (rule 1: Express handler; rule 3: lib/db.js is the pg singleton), neg release (end in finally)
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    await c.query('SELECT 1');
    res.send('pong');
  } finally {
    await c.end();
  }
});

router.get('/accounts/:id/session', async (req, res) => {
  // holdout: neg (cached getter)
  const redis = getRedis();
  res.json({ session: await redis.get(`session:${req.params.id}`) });
});

router.get('/accounts/:id/flags', async (req, res) => {
  const Redis = require('ioredis');
  // holdout: pos singleton, neg release (handler builds an ioredis client via require and never quits) [relabelled after the first run: RULES.md 'One finding per problem ... not into extra findings'; the per-call construction is the problem singleton reports, and building the client once removes the missing release too]
  const r = new Redis(process.env.REDIS_URL);
  res.json(await r.hgetall(`flags:${req.params.id}`));
});

module.exports = router;
