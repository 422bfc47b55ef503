#!/usr/bin/env node
const { Client } = require('pg')

async function main() {
  const client = new Client(process.env.DATABASE_URL) // want: singleton "this script"
  await client.connect()
  try {
    await client.query('CREATE TABLE IF NOT EXISTS t (id int)')
  } finally {
    await client.end()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
