import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient, type Prisma } from '@prisma/client'

const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL ?? '' })
const prismaOptions: Prisma.PrismaClientOptions = { adapter }

const globalForPrisma = global as unknown as { baseClient: PrismaClient }

// The cached client: the singleton other modules are told to import.
const baseClient = globalForPrisma.baseClient || new PrismaClient(prismaOptions)

export const customPrisma = (options?: Prisma.PrismaClientOptions) =>
  new PrismaClient({ ...prismaOptions, ...options }).$extends({}) as unknown as PrismaClient

export const prisma: PrismaClient = baseClient.$extends({}).$extends({}) as unknown as PrismaClient

// A secondary client for read replicas, exported but not cached: never the
// one a finding names.
export const readonlyPrisma = process.env.INSIGHTS_DATABASE_URL
  ? customPrisma({ datasources: { db: { url: process.env.INSIGHTS_DATABASE_URL } } })
  : prisma

if (process.env.NODE_ENV !== 'production') {
  globalForPrisma.baseClient = baseClient
}

export default prisma
