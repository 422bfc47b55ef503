import { prisma, PrismaClient } from '@acme/db'

export async function GET() {
  return Response.json(await prisma.user.count()) // ok: the workspace singleton
}

export async function DELETE() {
  const db = new PrismaClient() // want: singleton "packages/db/src/index.ts"
  await db.user.deleteMany()
}
