import { db } from '../src/db/client' // ok: .then with both handlers releasing

function main() {
  return db.deleteFrom('sessions').execute()
}

main().then(
  () => db.destroy(),
  async (e) => {
    console.error(e)
    await db.destroy()
  },
)
