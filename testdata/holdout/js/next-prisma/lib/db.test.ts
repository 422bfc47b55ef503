import { PrismaClient } from "@prisma/client";
import { describe, it, expect, afterAll } from "vitest";

describe("db", () => {
  // holdout: neg (test file)
  const prisma = new PrismaClient();
  afterAll(() => prisma.$disconnect());

  it("connects", async () => {
    expect(await prisma.$queryRaw`SELECT 1`).toBeTruthy();
  });
});
