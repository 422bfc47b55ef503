#!/usr/bin/env node
import { Pool } from 'pg'

// ok: a client built in a function that runs once (called from the top level only)
async function run() {
  const pool = new Pool()
  try {
    await pool.query('SELECT 1')
  } finally {
    await pool.end()
  }
}

run().catch((e) => {
  console.error(e)
  process.exit(1)
})
