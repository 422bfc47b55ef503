import { Pool } from "pg";

async function main() {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL }); // pools: script=true max=10
  try {
    await pool.query("select 1");
  } finally {
    await pool.end();
  }
}

main();
