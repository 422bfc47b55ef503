const { createPool } = require('../db/make')
const makeRedis = require('../db/make').default

async function runNightly(days) {
  for (const day of days) {
    const pool = createPool() // want: singleton "in a loop"
    try {
      await pool.query('REFRESH MATERIALIZED VIEW CONCURRENTLY daily_stats')
    } finally {
      await pool.end()
    }
  }
  const redis = makeRedis() // want: singleton "does not cache"
  await redis.del('nightly:lock')
}

module.exports = { runNightly }
