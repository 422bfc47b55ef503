import { PrismaClient } from '@prisma/client'
import { prisma } from '@/lib/prisma'

export default async function Dashboard() {
  // ok: server component reading through the singleton
  const users = await prisma.user.findMany()

  async function rename(formData: FormData) {
    'use server'
    const db = new PrismaClient() // want: singleton "server action"
    await db.user.update({ where: { id: String(formData.get('id')) }, data: { name: 'x' } })
      .finally(() => db.$disconnect())
  }

  return (
    <form action={rename}>
      {/* new PrismaClient() in JSX text is not code */}
      <ul>{users.map((u) => <li key={u.id}>{u.name}</li>)}</ul>
    </form>
  )
}
