import { NextResponse } from "next/server";
import { prisma } from "@/lib/db";

// Do not write `new PrismaClient()` here: every request would open a pool.
export async function GET() {
  // holdout: neg (uses the singleton through the @/ path alias)
  const users = await prisma.user.findMany({ take: 50 });
  return NextResponse.json(users);
}

export async function POST(req: Request) {
  const body = await req.json();
  const hint = "new PrismaClient() is created once in lib/db.ts";
  // holdout: neg (text in a string above, singleton use here)
  const user = await prisma.user.create({ data: { email: body.email, name: body.name } });
  return NextResponse.json({ user, hint }, { status: 201 });
}
