import { pool } from './db'
import { PrismaClient } from '@prisma/client'

export async function tx(id: string) {
  const client = await pool.connect() // ok: transaction with ROLLBACK and optional-chained release in finally
  try {
    await client.query('BEGIN')
    await client.query('UPDATE t SET x = 1 WHERE id = $1', [id])
    await client.query('COMMIT')
  } catch (e) {
    await client.query('ROLLBACK')
    throw e
  } finally {
    client?.release()
  }
}

export async function withLet() {
  let client: any = null
  try {
    client = await pool.connect() // ok: let + guard in finally
    return await client.query('select 1')
  } finally {
    if (client !== null) client.release()
  }
}

export async function released2(fail: boolean) {
  const c = await pool.connect() // ok: every switch branch releases // ok: early return inside try/finally
  try {
    if (fail) return null
    return (await c.query('select 1')).rows
  } finally {
    c.release(fail)
  }
}

export async function switchy(k: number) {
  const c = await pool.connect()
  switch (k) {
    case 1:
      c.release()
      return 1
    default:
      c.release()
      return 2
  }
}

export async function loopRel(ids: string[]) {
  for (const id of ids) {
    const c = await pool.connect() // ok: acquired and released per iteration
    try {
      await c.query('select $1', [id])
    } finally {
      c.release()
    }
  }
}

export function thenChain() {
  // ok: promise-chain acquisition released in .finally
  return pool.connect().then((client) => client.query('select 1').finally(() => client.release()))
}

export async function checkoutAfterSetup() {
  // the client is handed on, but a failed SET leaks it: that path is the finding, not "never released"
  const c = await pool.connect() // want: release "if an awaited call fails"
  await c.query("SET statement_timeout = 5000")
  return c
}

export async function checkoutDirect() {
  const c = await pool.connect() // ok: handed straight to the caller
  return c
}

export async function catchWrapped() {
  // .catch on the acquisition only maps the error: the value is still the client
  const c = await pool.connect().catch((e) => { throw new Error('db down', { cause: e }) }) // want: release "never released"
  await c.query('select 1')
}

export async function catchWrappedReleased() {
  const c = await pool.connect().catch((e) => { throw new Error('db down', { cause: e }) }) // ok: released in finally
  try {
    await c.query('select 1')
  } finally {
    c.release()
  }
}

export async function maybeCheckout(flag: boolean) {
  // a ternary branch holds the connection; the null branch holds nothing
  const c = flag ? await pool.connect() : null // want: release "never released"
  if (!c) return 0
  const r = await c.query('select 1')
  return r.rowCount
}

export async function maybeCheckoutReleased(flag: boolean) {
  const c = flag ? null : await pool.connect() // ok: released in finally when held
  try {
    return c ? (await c.query('select 1')).rowCount : 0
  } finally {
    if (c) c.release()
  }
}

export async function maybeCheckoutOptional(flag: boolean) {
  const c = flag ? await pool.connect() : undefined // ok: c?.release() in finally
  try {
    await c?.query('select 1')
  } finally {
    c?.release()
  }
}
