import { prisma } from '@/lib/prisma'
import { formatUser } from '@/scripts/lib/format'

export async function GET() {
  const users = await prisma.user.findMany()
  return Response.json(users.map(formatUser))
}
