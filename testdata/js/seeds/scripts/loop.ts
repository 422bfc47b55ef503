#!/usr/bin/env -S npx tsx
import { Client } from 'pg'

const urls = (process.env.SHARDS ?? '').split(',')

async function main() {
  for (const url of urls) {
    const c = new Client({ connectionString: url }) // want: singleton "in a loop"
    await c.connect()
    try {
      await c.query('VACUUM')
    } finally {
      await c.end()
    }
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
