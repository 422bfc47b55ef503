import { db } from '../src/db/client' // want: release "no catch path"

async function main() {
  await db.deleteFrom('sessions').execute()
}

main().then(() => db.destroy())
