import pg from "pg";

// holdout: pos singleton (rule 3: a script building its own pg client while src/infra/db.ts is configured), neg release (the try releases; the catch exits the process)
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
try {
  await client.connect();
  await client.query("ANALYZE");
  await client.end();
} catch (e) {
  console.error(e);
  process.exit(1);
}
