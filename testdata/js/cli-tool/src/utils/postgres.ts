import pg from 'pg'

// The tool's client factory.
export async function connect(connectionString: string) {
  const client = new pg.Client({ connectionString })
  await client.connect()
  return client
}
