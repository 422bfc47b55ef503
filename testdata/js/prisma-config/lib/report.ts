import { PrismaClient } from '@prisma/client'

// A module (it exports, is named nowhere, is not under scripts/): its
// module-level client is not checked as a script's.
const prisma = new PrismaClient()

export async function report() {
  return prisma.user.count()
}
