#!/usr/bin/env node
import pg from 'pg'

// ok: every path ends in process.exit
async function main() {
  const client = new pg.Client()
  await client.connect().catch(() => process.exit(2))
  const { rows } = await client.query('SELECT 1').catch(() => process.exit(1))
  console.log(rows)
  process.exit(0)
}

main()
