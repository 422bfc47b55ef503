import express from 'express'

const app = express()

// pg is loaded lazily so that the reports API starts without it; the
// module is picked from import() by a .then callback.
app.get('/reports/:id', async (req, res) => {
  const pg = await import('pg').then((mod) => mod.default)
  const client = new pg.Client({ connectionString: process.env.REPORTS_URL }) // want: singleton "request handler"
  await client.connect()
  try {
    const { rows } = await client.query('SELECT * FROM reports WHERE id = $1', [req.params.id])
    res.json(rows[0] ?? null)
  } finally {
    await client.end()
  }
})

app.get('/hits', async (_req, res) => {
  const Redis = await import('ioredis').then(({ Redis }) => Redis)
  const redis = new Redis(process.env.REDIS_URL!) // want: singleton "request handler"
  res.json({ hits: await redis.incr('hits') })
  await redis.quit()
})

// node:net's createConnection is no database client
app.get('/ping', async (_req, res) => {
  const connect = await import('node:net').then((net) => net.createConnection)
  const socket = connect({ host: 'localhost', port: 5432 })
  socket.end()
  res.send('ok')
})

app.listen(Number(process.env.PORT ?? 3000))
