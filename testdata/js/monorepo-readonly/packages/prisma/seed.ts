import { PrismaClient } from '@prisma/client'

// The Prisma seed builds its own client: it should import the singleton,
// and it disconnects only when the seed succeeds.
const prisma = new PrismaClient() // want: singleton "singleton in packages/prisma/index.ts" release "no catch path"

async function main() {
  await prisma.user.create({ data: { email: 'seed@example.com' } })
}

main().then(() => prisma.$disconnect())
