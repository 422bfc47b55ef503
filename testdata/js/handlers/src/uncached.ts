import { Pool } from 'pg'

// A helper that builds a pool on every call and uses it.
export async function countUsers() {
  const pool = new Pool() // want: singleton "does not cache"
  const r = await pool.query('SELECT count(*) FROM users')
  return r.rows[0].count
}

// A wrapper: its line is not flagged; its per-call uses are.
function connect() {
  return new Pool()
}

class Store {
  pool: Pool
  constructor() {
    this.pool = new Pool() // ok: the wrapper class's own line
  }
}

export async function perCall() {
  const p = connect() // want: singleton "connect()"
  await p.query('SELECT 1')
}

export async function perCallClass() {
  const s = new Store() // want: singleton "Store()"
  return s.pool.query('SELECT 1')
}

// ok: the wrapper called once at module scope
export const shared = connect()
