import { PrismaClient as DB } from "@/generated/prisma";
import { withAuth } from "@lib/auth";

/* const prisma = new PrismaClient() -- do not do this per request */

export const GET = withAuth(async () => {
  // holdout: pos singleton (route handler wrapped in a higher-order function; aliased generated client)
  const db = new DB();
  try {
    return Response.json({ ok: true });
  } finally {
    await db.$disconnect();
  }
});

export const POST = async (req: Request) => {
  const body = await req.json();
  // holdout: pos singleton (route handler as a const arrow)
  const db = new DB();
  try {
    return Response.json({ body });
  } finally {
    await db.$disconnect();
  }
};
