import { PrismaClient } from '@prisma/client'

// `cross-env NODE_ENV=production node --import tsx tools/report.ts`
export const prisma = new PrismaClient() // want: singleton "this script"

export async function report() {
  try {
    console.table(await prisma.user.groupBy({ by: ['plan'], _count: true }))
  } finally {
    await prisma.$disconnect()
  }
}

report()
