import { PrismaClient } from '@prisma/client'

// Not named, not under scripts/, and it exports: a module.
const prisma = new PrismaClient() // want: singleton "in this module"

export async function countUsers() {
  return prisma.user.count()
}

countUsers().then((n) => console.log(n))
