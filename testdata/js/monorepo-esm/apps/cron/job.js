const { PrismaClient } = require('@acme/legacy-db')

async function tick() {
  const prisma = new PrismaClient() // want: singleton "does not cache it"
  await prisma.job.updateMany({ where: { due: true }, data: { due: false } })
  await prisma.$disconnect()
}

setInterval(() => tick().catch(console.error), 60_000)
