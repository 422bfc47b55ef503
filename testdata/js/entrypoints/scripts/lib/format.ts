import { PrismaClient } from '@prisma/client'

const audit = new PrismaClient() // want: singleton "in this module"

export function formatUser(u: { id: string; email: string }) {
  void audit.auditLog.create({ data: { userId: u.id } })
  return { id: u.id, email: u.email.toLowerCase() }
}
