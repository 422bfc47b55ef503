import { PrismaClient } from '@prisma/client'

// A helper the chat route calls: "seed" in its name does not make it a script.
export async function seedChat(userId: string) {
  const db = new PrismaClient() // want: singleton "on every call"
  try {
    await db.message.create({ data: { userId, text: 'Welcome!' } })
  } finally {
    await db.$disconnect()
  }
}
