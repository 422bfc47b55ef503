import { PrismaClient } from "@prisma/client";

// holdout: pos singleton, pos release (main(); await prisma.$disconnect() skips the release when main rejects)
const prisma = new PrismaClient();

async function main() {
  console.log(await prisma.user.count());
}

main();
await prisma.$disconnect();
