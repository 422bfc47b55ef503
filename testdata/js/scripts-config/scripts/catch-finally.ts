import { db } from '../src/db/client' // ok: .finally releases

async function main() {
  await db.deleteFrom('sessions').execute()
}

main()
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(() => db.destroy())
