import pg from 'pg'
import { databaseUrl } from '../../env.js'

// `shopctl db:create` and the step `db:setup` reuses. Its main ends the
// process on every path, so this runs once per process: the client is not
// built "on every call", and it is closed on every path.
export async function createDatabase(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') })
  try {
    await client.connect()
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`)
    }
    return true
  } catch (err) {
    console.error(`cannot create database ${name}:`, err)
    return false
  } finally {
    await client.end()
  }
}

const main = async function ({ args }: { args: string[] }) {
  try {
    const created = await createDatabase(args[0] ?? 'shop')
    process.exit(created ? 0 : 1)
  } catch (err) {
    console.error(err)
    process.exit(1)
  }
}

export default main
