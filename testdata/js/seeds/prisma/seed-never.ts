import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: release "never released"

async function main() {
  await prisma.user.deleteMany()
}

main().catch((e) => console.error(e))
