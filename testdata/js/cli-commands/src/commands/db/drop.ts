import pg from 'pg'
import { databaseUrl } from '../../env.js'
import { closeQuietly, databaseExists, terminateSessions } from '../../db/queries.js'

// Passing the client to helpers that only query with it does not hand it
// over: the early return leaves it open.
export async function dropDatabase(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') }) // want: release
  await client.connect()
  if (!(await databaseExists(client, name))) {
    return false
  }
  await terminateSessions(client, name)
  await client.query(`DROP DATABASE "${name}"`)
  await closeQuietly(client)
  return true
}

export default async function ({ args }: { args: string[] }) {
  try {
    process.exitCode = (await dropDatabase(args[0] ?? 'shop')) ? 0 : 1
    process.exit()
  } catch (err) {
    console.error(err)
    process.exit(1)
  }
}
