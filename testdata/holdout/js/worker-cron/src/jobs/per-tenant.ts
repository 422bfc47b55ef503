import { Client } from "pg";

const tenants = (process.env.TENANT_DBS ?? "").split(",").filter(Boolean);

async function main() {
  for (const url of tenants) {
    // holdout: pos singleton (rule 1: inside a loop body), neg release (finally)
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("VACUUM ANALYZE invoices");
    } finally {
      await client.end();
    }
  }
}

await main();
