import { PrismaClient } from "@prisma/client";

// holdout: pos singleton, pos release (script builds its own client; disconnect only in .then, no catch path)
const prisma = new PrismaClient();

async function main() {
  const posts = await prisma.post.findMany({ where: { slug: null } });
  for (const p of posts) {
    await prisma.post.update({
      where: { id: p.id },
      data: { slug: p.title.toLowerCase().replace(/\s+/g, "-") },
    });
  }
}

main().then(() => prisma.$disconnect());
