import { PrismaClient } from "@/generated/prisma";

async function main(db: PrismaClient) {
  console.log(await db.user.count());
}

// holdout: pos singleton (script builds its own client while lib/prisma.ts is the singleton), pos release (await main(); await $disconnect(): a rejection skips it)
const db = new PrismaClient();
await main(db);
await db.$disconnect();
