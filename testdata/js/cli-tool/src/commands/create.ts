import { connect } from '../utils/postgres.js'

// Only the CLI entrypoint imports this command: it runs once per process,
// so its client is not built "on every call"; it must still be closed on
// every path.
export default async function create(opts: { dbUrl?: string }) {
  const client = await connect(opts.dbUrl ?? 'postgres://localhost/postgres') // want: release "awaited call fails"
  await client.query('CREATE DATABASE shop')
  await client.end()
}
