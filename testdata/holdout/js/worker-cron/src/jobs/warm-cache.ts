// holdout: pos release (imported singleton in a script: the finally awaits pool.end() before cache.quit(), so a rejected end skips the quit and the process hangs on the open connection; RULES release rule 1, an error branch) [relabelled after the first run: my label missed the path]
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
