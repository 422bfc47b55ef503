import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script" release "not when it rejects"

;(async () => {
  await prisma.session.deleteMany({ where: { expires: { lt: new Date() } } })
  await prisma.$disconnect()
})()
