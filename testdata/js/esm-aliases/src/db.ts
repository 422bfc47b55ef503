import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '#generated/prisma/client.js'

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient }

// ok: the singleton, through a package.json import of the generated client
export const prisma =
  globalForPrisma.prisma ?? new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) })

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma
