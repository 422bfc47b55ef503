import { PrismaClient } from "@prisma/client";

// The URL is prisma.config.ts's env("ORDERS_DATABASE_URL"); production's
// .env.production sets connection_limit=4.
export const db = new PrismaClient(); // pools: max=4 source=url server=postgres apps=orders
