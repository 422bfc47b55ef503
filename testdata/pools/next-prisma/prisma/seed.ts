import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient(); // pools: script=true max=5

async function main() {
  await prisma.user.upsert({ where: { email: "a@example.com" }, update: {}, create: { email: "a@example.com" } });
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
