import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script"

async function main() {
  await prisma.post.count()
}

main()
  .then(async () => {
    await prisma.$disconnect()
  })
  .catch(async (e) => {
    console.error(e)
    await prisma.$disconnect()
    process.exit(1)
  })
