#!/usr/bin/env node
import pg from 'pg'

// process.exit on one path only: the other path reaches the end with the
// client open.
async function main() {
  const client = new pg.Client() // want: release "never released"
  await client.connect().catch(() => process.exit(2))
  const { rows } = await client.query('SELECT count(*) FROM users').catch((e) => {
    console.error(e)
    process.exit(1)
  })
  if (rows[0].count === '0') {
    console.log('empty')
    process.exit(0)
  }
  console.log(rows[0].count)
}

main()
