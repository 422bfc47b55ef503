import type { Request, Response } from 'express'
import { Pool } from 'pg'

// One finding per construction: the pool per request is the problem;
// importing lib/db.ts fixes the missing end() too.
export async function listOrders(req: Request, res: Response) {
  const pool = new Pool() // want: singleton "does not cache"
  const { rows } = await pool.query('SELECT * FROM orders WHERE user_id = $1', [req.params.id])
  res.json(rows)
}

export async function auditTrail(req: Request, res: Response) {
  // connlint-ignore singleton -- the audit database is another server on purpose
  const audit = new Pool({ connectionString: process.env.AUDIT_URL }) // want: release "never released"
  const { rows } = await audit.query('SELECT * FROM audit_log ORDER BY at DESC LIMIT 50')
  res.json(rows)
}

export async function auditTrailClosed(req: Request, res: Response) {
  // connlint-ignore singleton -- the audit database is another server on purpose
  const audit = new Pool({ connectionString: process.env.AUDIT_URL }) // ok: suppressed, and ended in finally
  try {
    res.json((await audit.query('SELECT 1')).rows)
  } finally {
    await audit.end()
  }
}
