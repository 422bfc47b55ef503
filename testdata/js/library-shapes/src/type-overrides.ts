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
