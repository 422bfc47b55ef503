import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: release "no catch path"

async function main() {
  await prisma.user.deleteMany()
}

main().then(async () => {
  await prisma.$disconnect()
})
