import { PrismaClient } from "@prisma/client";

// A new client, and a new pool, on every request (lib/prisma.ts has the shared one).
export async function GET() {
  const prisma = new PrismaClient();
  const users = await prisma.user.findMany();
  await prisma.$disconnect();
  return Response.json(users);
}
