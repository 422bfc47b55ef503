import db from "@/lib/knex";
import { prisma } from "@/lib/prisma";

export async function GET() {
  // holdout: neg (knex default-export singleton use)
  const rows = await db("hits").select("*");
  // holdout: neg (prisma singleton use)
  const n = await (prisma as { hit?: { count(): Promise<number> } }).hit?.count();
  return Response.json({ rows, n });
}
