import { PrismaClient } from '@prisma/client'

export async function GET() {
  const db = new PrismaClient() // want: singleton "import the shared client from packages/prisma/index.ts"
  try {
    return Response.json(await db.slot.findMany())
  } finally {
    await db.$disconnect()
  }
}
