import { Pool } from "pg";

// The main pool: sized by the environment, 20 unless PG_POOL_MAX says.
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL_MAX ?? 20) }); // pools: max=30 source=env server=postgres

// Nothing set: pg-pool's default.
export const audit = new Pool({ connectionString: process.env.AUDIT_URL }); // pools: max=10 source=default server=postgres
