import { db } from '../src/db/client' // ok: every path ends in process.exit

async function main() {
  await db.deleteFrom('sessions').execute()
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e)
    process.exit(1)
  })
