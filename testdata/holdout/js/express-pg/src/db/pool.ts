import pg from "pg";

const { Pool } = pg;

// One pool for the whole process; routes check clients out of it.
// holdout: neg (singleton module: exported pool lives for the process)
export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.PG_POOL_MAX ?? 10),
  idleTimeoutMillis: 30_000,
});

pool.on("error", (err) => {
  console.error("idle client error", err);
});

export async function withTransaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  // holdout: neg release (try/catch/finally releases)
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

export async function checkout(): Promise<pg.PoolClient> {
  // holdout: pos release (the awaited SET rejecting skips the return that hands the client on: RULES release rule 1, an error branch) [relabelled after the first run: my label missed the path]
  const client = await pool.connect();
  await client.query("SET statement_timeout = 5000");
  return client;
}

export async function checkoutRaw(): Promise<pg.PoolClient> {
  // holdout: neg release (ownership leaves: returned to the caller, nothing in between)
  const client = await pool.connect();
  return client;
}
