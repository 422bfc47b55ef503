import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script"

const run = async () => {
  await prisma.user.updateMany({ data: { active: true } })
}

run()
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(() => prisma.$disconnect())
