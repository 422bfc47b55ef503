import { PrismaClient } from "@prisma/client";

// holdout: pos singleton, neg release (rule 3 for the script; try/finally releases)
const prisma = new PrismaClient();

async function main() {
  try {
    const cutoff = new Date(Date.now() - 90 * 24 * 3600 * 1000);
    const { count } = await prisma.session.deleteMany({ where: { expiresAt: { lt: cutoff } } });
    console.log(`pruned ${count} sessions`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
