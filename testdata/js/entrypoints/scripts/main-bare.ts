import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script" release "rejects"

async function main() {
  await prisma.post.count()
}

main()
await prisma.$disconnect()
