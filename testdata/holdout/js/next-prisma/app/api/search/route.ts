import { PrismaClient } from "@/lib/prisma-client";
import { edgeKv } from "@/lib/kv";

export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  // holdout: neg (lookalike wrapper around @upstash/redis)
  const kv = edgeKv();
  const hit = await kv.get<string[]>(`search:${q}`);
  if (hit) return Response.json(hit);
  // holdout: pos singleton (PrismaClient through a re-export module, route handler)
  const prisma = new PrismaClient();
  try {
    const rows = await prisma.post.findMany({ where: { title: { contains: q } } });
    return Response.json(rows);
  } finally {
    await prisma.$disconnect();
  }
}
