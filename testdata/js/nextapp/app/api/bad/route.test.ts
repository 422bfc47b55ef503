import { PrismaClient } from '@prisma/client'

// ok: test files are not checked
export async function GET() {
  const prisma = new PrismaClient()
  return prisma
}
