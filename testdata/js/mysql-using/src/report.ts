import { pool, pgPool } from './db.js'

export async function report() {
  await using conn = await pool.getConnection() // ok: mysql2 connections dispose
  const [rows] = await conn.query('SELECT 1')
  return rows
}

export async function pgReport() {
  await using client = await pgPool.connect() // want: release "does not dispose"
  const r = await client.query('SELECT 1')
  return r.rows
}

export async function leaky(id: number) {
  const conn = await pool.getConnection() // want: release "awaited call fails"
  const [rows] = await conn.execute('SELECT * FROM t WHERE id = ?', [id])
  conn.release()
  return rows
}

export async function safe(id: number) {
  const conn = await pool.getConnection() // ok: finally
  try {
    const [rows] = await conn.execute('SELECT * FROM t WHERE id = ?', [id])
    return rows
  } finally {
    conn.release()
  }
}

export function callbackStyle() {
  // ok: callback-style acquisition
  pool.pool.getConnection((err, conn) => {
    if (!err) conn.release()
  })
}

export async function neverReleased() {
  const conn = await pool.getConnection() // want: release "never released"
  await conn.query('SELECT 1')
}

export async function returned() {
  return pool.getConnection() // ok: the caller owns it
}
