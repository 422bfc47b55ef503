import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

// drizzle() wraps the client without taking it over: a failed migration
// skips the end().
const sql = postgres(process.env.DATABASE_URL, { max: 1 }) // want: release "awaited call fails"

await migrate(drizzle(sql), { migrationsFolder: 'drizzle' })
await sql.end()
