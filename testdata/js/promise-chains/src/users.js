const { pool, myPool } = require('./db')

// The node-postgres docs' promise style: released in both .then and .catch.
function getUser(id) {
  return pool.connect().then((client) => { // ok: released in .then and .catch
    return client
      .query('SELECT * FROM users WHERE id = $1', [id])
      .then((res) => {
        client.release()
        return res.rows[0]
      })
      .catch((err) => {
        client.release()
        throw err
      })
  })
}

// Released only when the query succeeds.
function getUserThenOnly(id) {
  return pool.connect().then((client) => { // want: release "no catch path"
    return client.query('SELECT * FROM users WHERE id = $1', [id]).then((res) => {
      client.release()
      return res.rows[0]
    })
  })
}

// .finally releases on both paths.
const countUsers = () =>
  pool.connect().then((client) => // ok: .finally
    client.query('SELECT count(*) FROM users').finally(() => client.release()),
  )

// Never released: the expression body returns the query's promise, not the client.
const listUsers = () =>
  pool.connect().then((client) => client.query('SELECT * FROM users')) // want: release "never released"

// An async callback that awaits before releasing.
function renameUser(id, name) {
  return pool.connect().then(async (client) => { // want: release "awaited call fails"
    await client.query('UPDATE users SET name = $2 WHERE id = $1', [id, name])
    client.release()
  })
}

// An async callback with try/finally.
function touchUser(id) {
  return pool.connect().then(async function (client) { // ok: finally
    try {
      await client.query('UPDATE users SET seen_at = now() WHERE id = $1', [id])
    } finally {
      client.release()
    }
  })
}

// Handed on: the caller owns it.
function withClient(req) {
  return pool.connect().then((client) => { // ok: stored on the request, released by middleware
    req.db = client
    return req
  })
}

// mysql2/promise getConnection through a chain.
function orders(userId) {
  return myPool.getConnection().then((conn) => // ok: .then and .catch both release
    conn
      .query('SELECT * FROM orders WHERE user_id = ?', [userId])
      .then(([rows]) => {
        conn.release()
        return rows
      }, (err) => {
        conn.release()
        throw err
      }),
  )
}

function ordersLeak(userId) {
  return myPool.getConnection().then((conn) => { // want: release "no catch path"
    return conn.query('SELECT * FROM orders WHERE user_id = ?', [userId]).then(([rows]) => {
      conn.release()
      return rows
    })
  })
}

// The outer .catch only sees a failed connect: nothing is held there.
function pingOrLog() {
  pool
    .connect()
    .then((client) => client.query('SELECT 1').finally(() => client.release())) // ok
    .catch((err) => console.error('connect failed', err))
}

// callback-style acquisition is not tracked
function legacy(cb) {
  pool.connect((err, client, done) => {
    if (err) return cb(err)
    client.query('SELECT 1', (e, r) => {
      done()
      cb(e, r)
    })
  })
}

module.exports = { getUser, getUserThenOnly, countUsers, listUsers, renameUser, touchUser, withClient, orders, ordersLeak, pingOrLog, legacy }
