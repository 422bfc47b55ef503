import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script" release "every path"

async function main() {
  await prisma.post.deleteMany({ where: { draft: true } })
}

try {
  await main()
  await prisma.$disconnect()
} catch (e) {
  console.error(e)
}
