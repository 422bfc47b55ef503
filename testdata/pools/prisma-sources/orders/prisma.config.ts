import { defineConfig, env } from "prisma/config";

// Prisma 6.x+: the schema's path and the datasource URL live here.
export default defineConfig({
  schema: "db/schema.prisma",
  datasource: { url: env("ORDERS_DATABASE_URL") },
});
