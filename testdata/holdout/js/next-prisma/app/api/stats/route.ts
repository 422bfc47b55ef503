import * as PrismaNs from "@prisma/client";
import { redis } from "@/lib";

export const dynamic = "force-dynamic";

export async function GET() {
  const cached = await redis.get("stats");
  if (cached) return Response.json(JSON.parse(cached));
  // holdout: pos singleton (namespace import, route handler)
  const client = new PrismaNs.PrismaClient();
  try {
    const [users, posts] = await Promise.all([client.user.count(), client.post.count()]);
    await redis.set("stats", JSON.stringify({ users, posts }), "EX", 60);
    return Response.json({ users, posts });
  } finally {
    await client.$disconnect();
  }
}
