import { prisma } from "@/lib/prisma";

async function main() {
  console.log("seeding", !!prisma);
}

// holdout: neg (seed releases the imported singleton in .then and exits from .catch)
main()
  .then(() => prisma.$disconnect())
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
