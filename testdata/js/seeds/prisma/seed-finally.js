const { PrismaClient } = require('@prisma/client')

const prisma = new PrismaClient() // ok: .finally

async function main() {
  await prisma.user.deleteMany()
}

main()
  .catch((e) => {
    console.error(e)
    process.exit(1)
  })
  .finally(async () => {
    await prisma.$disconnect()
  })
