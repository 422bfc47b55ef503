import { db } from '../src/db/client' // ok: main releases in its own finally

async function main() {
  try {
    await db.deleteFrom('sessions').execute()
  } finally {
    await db.destroy()
  }
}

main()
