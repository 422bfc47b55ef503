import { prisma, redis } from '../../../lib/db'

export async function GET() {
  return Response.json({ n: await prisma.user.count(), r: await redis.get('x') }) // ok
}
