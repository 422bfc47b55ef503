import { connect } from '../utils/postgres.js'

// Imported by the CLI and by the admin server: application code, where a
// client per call is a client per request.
export async function check(url: string) {
  const client = await connect(url) // want: singleton "every call"
  try {
    return (await client.query('SELECT 1')).rowCount === 1
  } finally {
    await client.end()
  }
}
