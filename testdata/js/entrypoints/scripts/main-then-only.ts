import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // want: singleton "this script" release "no catch path"

async function main() {
  await prisma.post.count()
}

main().then(() => prisma.$disconnect())
