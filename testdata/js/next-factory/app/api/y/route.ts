import { PrismaClient } from '@/generated/prisma/client'
import { PrismaPg } from '@prisma/adapter-pg'

export async function POST() {
  const prisma = new PrismaClient({ // want: singleton "lib/prisma.ts"
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
  })
  return Response.json(await prisma.user.count())
}
