import { drizzle } from "drizzle-orm/node-postgres";
import { drizzle as drizzleHttp } from "drizzle-orm/neon-http";

export const orm = drizzle(process.env.DATABASE_URL!); // pools: max=10 source=default server=postgres

export const edge = drizzleHttp(process.env.NEON_URL!); // pools: kind=none max=0
