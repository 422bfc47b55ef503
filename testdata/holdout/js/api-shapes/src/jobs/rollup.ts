import { pool } from "../infra/db.js";

async function main() {
  await pool.query("REFRESH MATERIALIZED VIEW CONCURRENTLY daily_rollup");
}

// holdout: neg (configured script: .catch logs, .finally ends the imported singleton)
main()
  .catch((e) => console.error(e))
  .finally(() => pool.end());
