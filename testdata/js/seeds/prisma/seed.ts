import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // ok: Prisma's documented seed shape

async function main() {
  await prisma.user.upsert({ where: { email: 'a@b.c' }, update: {}, create: { email: 'a@b.c' } })
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
