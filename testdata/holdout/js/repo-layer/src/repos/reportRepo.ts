import knex from "knex";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/node-postgres";
import { DataSource } from "typeorm";

export class ReportRepo {
  async monthly(month: string) {
    // holdout: pos singleton (rule 1/3: per-call knex while src/db/knex.ts is the singleton), neg release (destroy in finally)
    const k = knex({ client: "pg", connection: process.env.REPORTING_URL });
    try {
      return await k("orders").where("month", month).sum("total as total");
    } finally {
      await k.destroy();
    }
  }

  async topProducts(limit: number) {
    // holdout: pos singleton, neg release (per-call postgres.js client, never ended) [relabelled after the first run: RULES.md 'One finding per problem ... not into extra findings'; the per-call construction is the problem singleton reports, and building the client once removes the missing release too]
    const s = postgres(process.env.REPORTING_URL!);
    return s`SELECT product_id, count(*) FROM order_items GROUP BY 1 ORDER BY 2 DESC LIMIT ${limit}`;
  }

  async revenue() {
    // holdout: pos singleton (rule 1: drizzle handed a connection string per call), neg release ($client.end in finally)
    const d = drizzle(process.env.REPORTING_URL!);
    try {
      return await d.execute("SELECT sum(total) FROM orders");
    } finally {
      await d.$client.end();
    }
  }

  async legacyTotals() {
    // holdout: pos singleton (per-call DataSource while src/db/datasource.ts is the singleton), neg release (destroy in finally)
    const ds = new DataSource({ type: "postgres", url: process.env.LEGACY_URL });
    await ds.initialize();
    try {
      return await ds.query("SELECT sum(amount) FROM payments");
    } finally {
      await ds.destroy();
    }
  }
}
