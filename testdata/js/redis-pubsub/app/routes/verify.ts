import { Router } from 'express'
import { Pool } from 'pg'

// Not a factory: the pool is ended in the executor the Promise runs, and
// only the query result leaves; the pool is built on every call.
function verifyCredentials(creds: { user: string; password: string }) {
  const pool = new Pool(creds) // want: singleton "every call"
  return new Promise((resolve, reject) => {
    pool.query('SELECT 1', (err, res) => {
      void pool.end()
      if (err) reject(err)
      else resolve(res.rows)
    })
  })
}

export const router = Router()
router.post('/verify', async (req, res) => {
  res.json(await verifyCredentials(req.body))
})
