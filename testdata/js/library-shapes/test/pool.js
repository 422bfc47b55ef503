const { Pool } = require('pg')

// ok: a mocha test in test/ using the describe/it globals is not checked
describe('pool', () => {
  it('connects', async () => {
    const pool = new Pool()
    await pool.query('SELECT 1')
  })
})
