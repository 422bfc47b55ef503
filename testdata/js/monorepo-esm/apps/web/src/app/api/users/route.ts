import { db } from '@/lib/db'

// ok: the shared client, through an alias and a re-export
export async function GET() {
  return Response.json(await db.user.findMany({ take: 20 }))
}
