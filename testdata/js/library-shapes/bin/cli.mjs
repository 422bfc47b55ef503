#!/usr/bin/env node
import { defineCommand, runMain } from 'citty'
import { Command } from 'commander'
import pg from 'pg'

// A CLI: each command body runs once per process.
const migrate = defineCommand({
  meta: { name: 'migrate' },
  async run({ args }) {
    const client = new pg.Client({ connectionString: args.url }) // ok: a command body runs once
    await client.connect()
    try {
      await client.query('SELECT 1')
    } finally {
      await client.end()
    }
  },
})

const program = new Command()
program.command('count').action(async () => {
  const pool = new pg.Pool() // ok: the action runs once
  try {
    console.log((await pool.query('SELECT count(*) FROM users')).rows[0])
  } finally {
    await pool.end()
  }
})

program.command('leak').action(async () => {
  const pool = new pg.Pool() // want: release "never released"
  console.log((await pool.query('SELECT 1')).rows)
})

program.command('per-shard').action(async (shards) => {
  for (const url of shards) {
    const c = new pg.Client(url) // want: singleton "in a loop"
    await c.connect()
    await c.query('VACUUM').finally(() => c.end())
  }
})

program.command('each').action(async (urls) => {
  await Promise.all(
    urls.map(async (url) => {
      const c = new pg.Client(url) // want: singleton "does not cache"
      await c.connect()
      try {
        await c.query('SELECT 1')
      } finally {
        await c.end()
      }
    }),
  )
})

await program.parseAsync()
runMain(migrate)
