import type { Client } from 'pg'

// Helpers the commands share: they run queries on the caller's client and
// leave it open; closing it stays the caller's job.
export async function databaseExists(client: Client, name: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  return rowCount === 1
}

export async function terminateSessions(client: Client, name: string) {
  await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name])
}

// This one does close it.
export async function closeQuietly(client: Client) {
  await client.end().catch(() => undefined)
}
