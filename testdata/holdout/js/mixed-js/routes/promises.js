const { pool } = require('../lib/db');

function totals(req, res, next) {
  // holdout: neg release (released in both .then and .catch handlers)
  pool.connect().then((client) => {
    return client.query('SELECT sum(balance) AS total FROM accounts')
      .then((r) => { client.release(); res.json(r.rows[0]); })
      .catch((e) => { client.release(); next(e); });
  });
}

function newest(req, res, next) {
  // holdout: pos release (released only in .then; the query's rejection skips it)
  pool.connect().then((client) => {
    return client.query('SELECT * FROM accounts ORDER BY created_at DESC LIMIT 1')
      .then((r) => { client.release(); res.json(r.rows[0]); });
  }).catch(next);
}

function oldest(req, res, next) {
  // holdout: neg release (.finally)
  pool.connect()
    .then((client) => client.query('SELECT * FROM accounts ORDER BY created_at LIMIT 1')
      .then((r) => res.json(r.rows[0]))
      .finally(() => client.release()))
    .catch(next);
}

module.exports = { totals, newest, oldest };
