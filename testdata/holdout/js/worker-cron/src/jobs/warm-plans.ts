// holdout: neg release (imported singleton released together with the pool: both calls start before either is awaited)
import { cache } from "../lib/cache.js";
import pg from "pg";

async function main() {
  // holdout: neg release (Promise.all over both releases in finally)
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  try {
    const { rows } = await pool.query("SELECT id, plan FROM accounts WHERE plan_changed");
    for (const r of rows) await cache.set(`plan:${r.id}`, r.plan);
  } finally {
    await Promise.all([pool.end(), cache.quit()]);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
