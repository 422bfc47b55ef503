import { PrismaClient } from '@prisma/client'

// package.json prisma.seed
const prisma = new PrismaClient() // want: singleton "this script" release "not when it rejects"

export async function seed() {
  await prisma.user.upsert({ where: { email: 'admin@example.com' }, update: {}, create: { email: 'admin@example.com' } })
}

await seed()
await prisma.$disconnect()
