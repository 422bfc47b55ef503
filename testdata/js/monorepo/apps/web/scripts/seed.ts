import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script"

async function main() {
  await prisma.user.create({ data: { email: 'x@y.z' } })
}

main()
  .catch(console.error)
  .finally(() => prisma.$disconnect())
