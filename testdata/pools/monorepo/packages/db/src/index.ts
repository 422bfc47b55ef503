import { PrismaClient } from "@prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const db = globalForPrisma.prisma ?? new PrismaClient(); // pools: max=10 source=url server=postgres apps=web,worker

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = db;
