export async function POST() {
  // holdout: neg (a dynamic import alone constructs nothing)
  const mod = await import("@prisma/client");
  // holdout: pos singleton (dynamic import, route handler)
  const prisma = new mod.PrismaClient();
  try {
    const posts = await prisma.post.findMany();
    return new Response(JSON.stringify(posts), { headers: { "content-type": "application/json" } });
  } finally {
    await prisma.$disconnect();
  }
}

export async function GET() {
  const { PrismaClient } = await import("@prisma/client");
  // holdout: pos singleton (destructured dynamic import, route handler)
  const prisma = new PrismaClient();
  try {
    return Response.json(await prisma.user.count());
  } finally {
    await prisma.$disconnect();
  }
}
