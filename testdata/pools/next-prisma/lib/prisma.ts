import { PrismaClient } from "@prisma/client";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? new PrismaClient(); // pools: max=5 source=default server=postgres

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
