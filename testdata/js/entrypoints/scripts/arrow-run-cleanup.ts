import { PrismaClient } from '@prisma/client'

// Writing a cleanup closure is not releasing: it is never called.
const prisma = new PrismaClient() // want: singleton "this script" release "every path"

const cleanup = async () => {
  await prisma.$disconnect()
}

const run = async () => {
  await prisma.user.count()
}

run().catch(console.error)
