const { PrismaClient } = require('@prisma/client')

// package.json bin
const prisma = new PrismaClient() // want: singleton "this script"

async function main(cmd) {
  if (cmd === 'count') console.log(await prisma.user.count())
}

module.exports = { main }

main(process.argv[2])
  .catch((e) => {
    console.error(e)
    process.exitCode = 1
  })
  .finally(() => prisma.$disconnect())
