import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'

// The application's client: exported through its wrapper.
const client = postgres(process.env.DATABASE_URL!)
export const db = drizzle(client)
