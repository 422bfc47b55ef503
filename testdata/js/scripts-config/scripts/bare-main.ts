import { db } from '../src/db/client' // want: release "rejects"

async function main() {
  await db.deleteFrom('sessions').execute()
}

main()
await db.destroy()
