#!/usr/bin/env -S npx tsx
import pg from 'pg'

async function main() {
  await using client = new pg.Client() // want: release "does not dispose"
  await client.connect()
  console.log((await client.query('SELECT 1')).rows)
}

main()
