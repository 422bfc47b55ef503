import { PrismaClient } from '@acme/db'

export async function GET() {
  const prisma = new PrismaClient() // want: singleton "in a Next.js route handler"
  const count = await prisma.user.count()
  return Response.json({ count })
}
