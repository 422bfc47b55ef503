// The generated client (prisma generate writes src/generated/prisma,
// ignored by git) re-exported under the name the rest of the code uses.
import { PrismaClient as GeneratedPrismaClient } from './generated/prisma/client.js'

export const PrismaClient = GeneratedPrismaClient
export type { Prisma, User } from './generated/prisma/client.js'
