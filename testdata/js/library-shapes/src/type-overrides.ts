import { Client, type ClientConfig } from 'pg'
import { drizzle } from 'drizzle-orm/node-postgres'

// only reads the client: what it returns does not hold it
const createTypeOverrides = async (connection: Client, names: string[]) => {
  const { rows } = await connection.query('SELECT oid, typname FROM pg_type WHERE typname = ANY($1)', [names])
  return Object.fromEntries(rows.map((r) => [r.typname, r.oid]))
}

// a client per call, released: the singleton finding (reduced from slonik)
export const queryTypeOverrides = async (config: ClientConfig, names: string[]) => {
  const client = new Client(config) // want: singleton "does not cache"
  await client.connect()
  const overrides = await createTypeOverrides(client, names)
  await client.end()
  return overrides
}

// keeps the client: db.$client = client
function construct(client: any) {
  const db = drizzle(client)
  db.$client = client
  return db
}

export function connect(url: string) {
  const client = new Client(url) // ok: the factory's own line
  return construct(client)
}

// a client built only to read its parsed config never connects (reduced
// from Keystone's resetDatabase)
export function databaseName(config: ClientConfig) {
  const connection = new Client(config) // ok: only connection.database is read
  const database = connection.database
  if (!database) throw new Error('PostgreSQL database name must be provided')
  return database
}

// a field read and then a method call: used
export async function serverVersion(config: ClientConfig) {
  const c = new Client(config) // want: singleton "does not cache"
  const db = c.database
  await c.connect()
  try {
    return { db, v: (await c.query('SHOW server_version')).rows[0] }
  } finally {
    await c.end()
  }
}
