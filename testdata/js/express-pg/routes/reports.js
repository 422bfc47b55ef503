const { Pool, Client } = require('pg')
const { makePool } = require('../lib/factory')

module.exports = function register(app) {
  app.get('/reports', async (req, res) => {
    const pool = new Pool() // want: singleton "request handler"
    const { rows } = await pool.query('SELECT 1')
    res.json(rows)
  })

  app.get('/reports/client', async (req, res) => {
    const client = new Client() // want: singleton "request handler"
    await client.connect()
    try {
      res.json((await client.query('SELECT 1')).rows)
    } finally {
      await client.end()
    }
  })

  app.get('/reports/factory', async (req, res) => {
    const p = makePool() // want: singleton "makePool()"
    res.json((await p.query('SELECT 1')).rows)
  })
}
