import { PrismaClient } from "@prisma/client";

// The URL is written in the schema itself, connection_limit and all.
export const db = new PrismaClient(); // pools: max=7 source=url server=mysql apps=billing
