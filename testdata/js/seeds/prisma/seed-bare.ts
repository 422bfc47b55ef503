import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: release "rejects"

async function main() {
  await prisma.user.deleteMany()
}

main()
await prisma.$disconnect()
