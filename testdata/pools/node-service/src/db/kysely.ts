import { Kysely, PostgresDialect } from "kysely";
import { Pool } from "pg";

interface DB {
  orders: { id: number };
}

export const kdb = new Kysely<DB>({ // pools: kind=wraps max=0
  dialect: new PostgresDialect({
    pool: new Pool({ connectionString: process.env.DATABASE_URL, max: 6 }), // pools: max=6 source=option server=postgres
  }),
});
