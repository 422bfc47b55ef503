import { NextRequest, NextResponse } from 'next/server'
import { PrismaClient } from '@prisma/client'

// A client per request, disconnected in finally: still a pool per request.
export const POST = async (req: NextRequest) => {
  const db = new PrismaClient() // want: singleton "Next.js route handler"
  try {
    const body = await req.json()
    const post = await db.post.create({ data: body })
    return NextResponse.json(post)
  } finally {
    await db.$disconnect()
  }
}
