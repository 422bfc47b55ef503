import { prisma } from '../client.js'

export function findUser(id: string) {
  return prisma.user.findUnique({ where: { id } })
}
