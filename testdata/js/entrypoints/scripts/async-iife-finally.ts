import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script"

void (async () => {
  try {
    await prisma.session.deleteMany()
  } finally {
    await prisma.$disconnect()
  }
})()
