import { db } from '../src/db/client' // want: release "rejects"

async function main() {
  await db.deleteFrom('sessions').execute()
}

await main()
await db.destroy()
