import { Client } from "pg";

// holdout: neg release (every path ends in process.exit)
const client = new Client({ connectionString: process.env.FLAGS_DATABASE_URL });

try {
  await client.connect();
  await client.query("UPDATE flags SET enabled = true WHERE name = 'checkout_v2'");
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
