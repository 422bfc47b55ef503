import { db } from '../src/db/client' // ok: both .then and .catch release

async function main() {
  await db.deleteFrom('sessions').execute()
}

main()
  .then(async () => {
    await db.destroy()
  })
  .catch(async (e) => {
    console.error(e)
    await db.destroy()
    process.exit(1)
  })
