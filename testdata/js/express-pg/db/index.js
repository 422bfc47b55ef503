// The project's pool, as the node-postgres docs suggest.
const { Pool } = require('pg')

const pool = new Pool({ max: 10 }) // ok: the singleton

module.exports = {
  query: (text, params) => pool.query(text, params),
  getClient: () => pool.connect(), // ok: hands the client to the caller
  pool,
}
