import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "singleton in lib/prisma.ts"

async function main() {
  await prisma.user.create({ data: { email: 'a@example.com' } })
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
