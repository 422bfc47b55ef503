import { PrismaClient } from "@/generated/prisma";

const g = global as typeof globalThis & { __prisma?: PrismaClient };

// holdout: neg (generated client cached with global.x ||=)
g.__prisma ||= new PrismaClient();

export const prisma = g.__prisma;
