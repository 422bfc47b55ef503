import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script"

try {
  const n = await prisma.user.count()
  console.log(n)
} finally {
  await prisma.$disconnect()
}
