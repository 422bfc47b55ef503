const { Pool } = require('pg')
const pool = new Pool() // want: singleton "singleton in src/db.ts"
module.exports.handler = async (event) => {
  const client = await pool.connect() // ok: finally
  try {
    return await client.query('select 1')
  } finally {
    client.release()
  }
}
exports.other = async function () {
  const c = await pool.connect() // ok: the only await catches its rejection
  const r = await c.query('select 1').catch(() => null)
  c.release()
  return r
}
async function main() {
  const p = new Pool() // want: singleton "this module"
  await p.query('select 1')
  await p.end()
}
if (require.main === module) {
  main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1) })
}
