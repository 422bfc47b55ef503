import { Pool } from "pg";

const globalForPg = globalThis as unknown as { pgPool?: Pool };

export function getPool(): Pool {
  // holdout: neg (cached on globalThis in a getter)
  globalForPg.pgPool ??= new Pool({ connectionString: process.env.DATABASE_URL });
  return globalForPg.pgPool;
}
