import { Client } from "pg";

// holdout: pos release (rule 2: a script's client is never ended)
const client = new Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const { rows } = await client.query("SELECT count(*) AS n FROM invoices WHERE status = 'open'");
console.log(`open invoices: ${rows[0].n}`);
