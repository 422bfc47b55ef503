const mysql = require('mysql2/promise')
const genericPool = require('generic-pool')

async function handle(req) {
  const conn = await mysql.createConnection(process.env.MYSQL_URL) // want: singleton "does not cache"
  try {
    return await conn.query('select 1')
  } finally {
    await conn.end()
  }
}

function workers() {
  return genericPool.createPool({ create: async () => ({}), destroy: async () => {} }, { max: 4 }) // ok: generic-pool is no database client
}

module.exports = { handle, workers }
