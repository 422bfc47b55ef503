import { seedChat } from '@/utils/dev/seed-chat'

export async function POST(req: Request) {
  const { userId } = await req.json()
  await seedChat(userId)
  return Response.json({ ok: true })
}
