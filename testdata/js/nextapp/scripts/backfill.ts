import { prisma } from '@/lib/prisma' // want: release "never released"

async function main() {
  const users = await prisma.user.findMany()
  console.log(users.length)
}

main()
