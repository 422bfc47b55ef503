import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { users } from '../src/schema'

// The wrapper is kept in a local variable of the script: the script still
// owns the client.
const client = postgres(process.env.DATABASE_URL!) // want: release "never released"
const db = drizzle(client)

await db.insert(users).values({ email: 'a@example.com' })
