import { cache } from "../lib/cache.js";
import pg from "pg";

async function main() {
  // holdout: neg (script main; pool ended in finally)
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  try {
    const { rows } = await pool.query("SELECT id, plan FROM accounts");
    for (const r of rows) await cache.set(`plan:${r.id}`, r.plan);
  } finally {
    await pool.end();
    await cache.quit();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
