import { buildClient } from '@/lib/db'

// A factory called per request is still a pool per request.
export async function GET() {
  const db = buildClient(process.env.DATABASE_URL!) // want: singleton "route handler"
  try {
    await db.$queryRaw`SELECT 1`
    return new Response('ok')
  } finally {
    await db.$disconnect()
  }
}
