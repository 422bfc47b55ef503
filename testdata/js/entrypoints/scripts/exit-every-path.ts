import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script"

async function main() {
  await prisma.user.count()
}

main()
  .then(() => process.exit(0))
  .catch(() => process.exit(1))
