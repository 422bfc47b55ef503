import { prisma } from './prisma'

// ok: an extension of the singleton is the same client
export const xprisma = prisma.$extends({ result: {} })
