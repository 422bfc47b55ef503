import { PrismaClient } from '@prisma/client'

// Named nowhere, outside scripts/: it exports nothing and drives itself.
const prisma = new PrismaClient() // want: singleton "this script" release "never released"

async function migrateOnce() {
  await prisma.user.updateMany({ data: { migrated: true } })
}

migrateOnce().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
