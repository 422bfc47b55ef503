import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'

// A factory: the wrapper, and the client in it, go to the caller.
export function makeDb(url: string) {
  const sql = postgres(url)
  return drizzle(sql)
}
