import { DataSource } from 'typeorm'

let cached: DataSource | undefined

// ok: a cached getter
export async function getDataSource() {
  if (!cached) {
    cached = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL })
    await cached.initialize()
  }
  return cached
}
