import { PrismaClient } from './facade.js'

const globalForPrisma = globalThis as unknown as { prisma?: InstanceType<typeof PrismaClient> }

// ok: the package's singleton, cached on globalThis
export const prisma = globalForPrisma.prisma ?? new PrismaClient()

if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma
