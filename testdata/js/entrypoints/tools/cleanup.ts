import { PrismaClient } from '@prisma/client'

// `env-cmd -f .env ts-node --transpile-only tools/cleanup.ts`
const prisma = new PrismaClient() // want: singleton "this script" release "awaited call fails"

export const cutoff = new Date(Date.now() - 30 * 864e5)
await prisma.session.deleteMany({ where: { expires: { lt: cutoff } } })
await prisma.$disconnect()
