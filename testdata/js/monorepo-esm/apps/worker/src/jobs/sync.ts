import { PrismaClient, prisma } from '#db'
import { pool } from '#lib/pg'
import { makeClient } from '~/lib/clients.js'

export async function onMessage(msg: { id: string }) {
  const db = new PrismaClient() // want: singleton "does not cache it"
  await db.user.findUnique({ where: { id: msg.id } })
  await db.$disconnect()
}

export async function onAudit(msg: { id: string }) {
  const db = makeClient() // want: singleton "makeClient"
  try {
    await db.user.delete({ where: { id: msg.id } })
  } finally {
    await db.$disconnect()
  }
}

export async function onPing() {
  // ok: the shared clients
  const client = await pool.connect()
  try {
    await client.query('SELECT 1')
  } finally {
    client.release()
  }
  return prisma.user.count()
}
