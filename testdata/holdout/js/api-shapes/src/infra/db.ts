import pg, { Pool } from "pg";

// holdout: neg (configured singleton path)
export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export type { PoolClient } from "pg";
export const types = pg.types;
