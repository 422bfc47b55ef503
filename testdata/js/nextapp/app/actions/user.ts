'use server'

import { PrismaClient } from '@prisma/client'
import { prisma } from '@/lib/prisma'

export async function createUser(email: string) {
  const client = new PrismaClient() // want: singleton "server action"
  return client.user.create({ data: { email } })
}

// ok: the shared client in a server action
export async function deleteUser(id: string) {
  return prisma.user.delete({ where: { id } })
}
