const { Pool } = require('pg');

test('accounts table exists', async () => {
  // holdout: neg (__tests__)
  const pool = new Pool();
  const { rows } = await pool.query("SELECT to_regclass('accounts') AS t");
  expect(rows[0].t).toBe('accounts');
});
