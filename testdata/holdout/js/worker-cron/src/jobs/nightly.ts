#!/usr/bin/env -S npx tsx
import pg from "pg";

async function main() {
  // holdout: neg (runs once from top-level main(); end in finally)
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query("UPDATE invoices SET status = 'overdue' WHERE due < now() AND status = 'open'");
    console.log(`marked ${rowCount} invoices overdue`);
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
