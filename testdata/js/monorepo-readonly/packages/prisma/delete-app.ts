import prisma from '.'

async function main() {
  await prisma.app.delete({ where: { slug: process.argv[2] } })
}

main()
  .catch((e) => {
    console.error(e)
    process.exit(1)
  })
  .finally(async () => {
    await prisma.$disconnect()
  })
