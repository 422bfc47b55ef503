// Re-export so app code does not import @prisma/client directly.
export { PrismaClient, Prisma } from "@prisma/client";
export type { User, Post } from "@prisma/client";
