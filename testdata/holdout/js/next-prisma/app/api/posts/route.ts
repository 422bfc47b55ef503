import { NextResponse, type NextRequest } from "next/server";
import { PrismaClient } from "@prisma/client";

export async function GET(req: NextRequest) {
  const take = Number(req.nextUrl.searchParams.get("take") ?? 20);
  // holdout: pos singleton (rule 1: route handler; rule 3: lib/db.ts is the singleton)
  const db = new PrismaClient();
  try {
    const posts = await db.post.findMany({ take, orderBy: { createdAt: "desc" } });
    return NextResponse.json(posts);
  } finally {
    await db.$disconnect();
  }
}
