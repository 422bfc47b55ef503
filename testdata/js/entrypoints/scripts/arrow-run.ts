import { PrismaClient } from '@prisma/client'

// The client is captured by an arrow function the script calls: it does
// not escape, and nothing disconnects it.
const prisma = new PrismaClient() // want: singleton "this script" release "never released"

const run = async () => {
  const stale = await prisma.user.findMany({ where: { active: false } })
  for (const u of stale) await prisma.user.delete({ where: { id: u.id } })
}

run().catch((e) => {
  console.error(e)
  process.exitCode = 1
})
