import { NextResponse } from 'next/server'
import { PrismaClient } from '@prisma/client'

export async function GET() {
  const prisma = new PrismaClient() // want: singleton "route handler"
  const users = await prisma.user.findMany()
  return NextResponse.json(users)
}
