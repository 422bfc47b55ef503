import { prisma } from '../lib/prisma' // ok: released on every path

async function main() {
  try {
    console.log(await prisma.user.count())
  } finally {
    await prisma.$disconnect()
  }
}

main()
