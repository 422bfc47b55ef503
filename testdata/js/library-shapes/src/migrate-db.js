import pg from 'pg'

// A factory returning closures over the client it builds (reduced from
// node-pg-migrate's db()): the client leaves with the returned object.
export function db(connection) {
  const client = new pg.Client(connection) // ok: the wrapper's own line
  const query = async (text, values) => {
    await client.connect()
    return client.query(text, values)
  }
  return {
    query,
    close: async () => {
      await client.end()
    },
  }
}

// A factory handing back what it destructures (reduced from postgraphile's
// toPgPool).
function toPool(config) {
  const pool = new pg.Pool(typeof config === 'string' ? { connectionString: config } : config) // ok: returned in an object
  return { pool, release: () => pool.end() }
}

export function middleware(config) {
  const { pool, release } = toPool(config) // ok: returned with the middleware
  return { pool, release, handle: (req, res) => pool.query('SELECT 1').then((r) => res.json(r.rows)) }
}
