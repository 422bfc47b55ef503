import { createRedis } from '~/lib/clients.js'
import postgres from 'postgres'

const jobs = [1, 2, 3]

for (const id of jobs) {
  const redis = createRedis() // want: singleton "in a loop"
  await redis.set(String(id), 'done')
}

export async function once() {
  const sql = postgres(process.env.DATABASE_URL) // want: singleton "src/lib/db/index.js"
  try {
    await sql`select 1`
  } finally {
    await sql.end()
  }
}

once()
