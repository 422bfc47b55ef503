import { PrismaClient } from "@prisma/client";

// holdout: pos singleton (rule 3: seed builds its own client while lib/db.ts is the singleton; released via then+catch)
const prisma = new PrismaClient();

async function main() {
  await prisma.user.upsert({
    where: { email: "alice@example.com" },
    update: {},
    create: { email: "alice@example.com", name: "Alice", posts: { create: { title: "Hello" } } },
  });
}

main()
  .then(async () => {
    await prisma.$disconnect();
  })
  .catch(async (e) => {
    console.error(e);
    await prisma.$disconnect();
    process.exit(1);
  });
