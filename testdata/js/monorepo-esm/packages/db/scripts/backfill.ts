import { PrismaClient } from '../src/facade.js'

const prisma = new PrismaClient() // want: singleton "builds its own Prisma client while the project has a singleton in packages/db/src/client.ts"

async function main() {
  const users = await prisma.user.findMany({ where: { name: null } })
  for (const u of users) {
    await prisma.user.update({ where: { id: u.id }, data: { name: u.email } })
  }
}

main()
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(() => prisma.$disconnect())
