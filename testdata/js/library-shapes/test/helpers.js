const { Pool } = require('pg')

// A helper module in test/ that is no test itself is checked.
exports.withPool = async function withPool(fn) {
  const pool = new Pool() // want: singleton "does not cache"
  try {
    return await fn(pool)
  } finally {
    await pool.end()
  }
}
