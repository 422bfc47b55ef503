import { EventEmitter } from 'node:events'
import { Client } from 'pg'

const bus = new EventEmitter()

bus.on('job', async (id: string) => {
  const c = new Client() // want: singleton "event handler"
  await c.connect()
  try {
    await c.query('UPDATE jobs SET done = true WHERE id = $1', [id])
  } finally {
    await c.end()
  }
})

setInterval(async () => {
  const c = new Client() // want: singleton "timer"
  await c.connect()
  await c.query('SELECT 1')
  await c.end()
}, 60_000)
