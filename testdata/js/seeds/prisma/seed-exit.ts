import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // ok: every path ends in process.exit

async function main() {
  await prisma.user.deleteMany()
}

main()
  .then(() => process.exit(0))
  .catch(() => process.exit(1))
