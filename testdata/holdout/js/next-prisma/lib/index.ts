export { prisma } from "./db";
export { redis } from "./redis";
