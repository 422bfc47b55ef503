import { Router, type Request, type Response, type NextFunction } from "express";
import { Pool, type PoolClient } from "pg";
import { pool, withTransaction } from "../db/pool.js";
import { auditAndRelease } from "../lib/audit.js";

export const orders = Router();

orders.get("/orders/:id", async (req: Request, res: Response) => {
  // holdout: neg release (finally)
  const client = await pool.connect();
  try {
    const { rows } = await client.query("SELECT * FROM orders WHERE id = $1", [req.params.id]);
    res.json(rows[0] ?? null);
  } finally {
    client.release();
  }
});

orders.get("/orders/:id/items", async (req: Request, res: Response) => {
  // holdout: pos release (rule 1: early return skips the release)
  const client = await pool.connect();
  const { rows } = await client.query("SELECT * FROM order_items WHERE order_id = $1", [req.params.id]);
  if (rows.length === 0) {
    res.status(404).json({ error: "not found" });
    return;
  }
  client.release();
  res.json(rows);
});

orders.post("/orders", async (req: Request, res: Response) => {
  // holdout: pos release (rule 1: release only in the try body)
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query("INSERT INTO orders(customer_id) VALUES ($1) RETURNING id", [req.body.customerId]);
    await client.query("COMMIT");
    client.release();
    res.status(201).json(rows[0]);
  } catch (err) {
    await client.query("ROLLBACK");
    res.status(500).json({ error: String(err) });
  }
});

orders.delete("/orders/:id", async (req: Request, res: Response) => {
  // holdout: pos release (rule 1: release only in the catch block)
  const client = await pool.connect();
  try {
    await client.query("DELETE FROM orders WHERE id = $1", [req.params.id]);
    res.status(204).end();
  } catch (err) {
    client.release();
    res.status(500).json({ error: String(err) });
  }
});

orders.put("/orders/:id", async (req: Request, res: Response) => {
  // holdout: neg release (released in both try and catch)
  const client = await pool.connect();
  try {
    await client.query("UPDATE orders SET status = $2 WHERE id = $1", [req.params.id, req.body.status]);
    client.release();
    res.status(204).end();
  } catch (err) {
    client.release();
    res.status(500).json({ error: String(err) });
  }
});

orders.patch("/orders/:id/note", async (req: Request, res: Response) => {
  // holdout: pos release (rule 1: throw between acquire and release)
  const client = await pool.connect();
  if (typeof req.body.note !== "string") {
    throw new Error("note must be a string");
  }
  try {
    await client.query("UPDATE orders SET note = $2 WHERE id = $1", [req.params.id, req.body.note]);
  } finally {
    client.release();
  }
  res.status(204).end();
});

orders.get("/orders/:id/audit", async (req: Request, res: Response) => {
  // holdout: neg release (handed to a helper that releases it)
  const client = await pool.connect();
  await auditAndRelease(client, `read ${req.params.id}`);
  res.status(204).end();
});

orders.get("/legacy/orders", (req: Request, res: Response, next: NextFunction) => {
  // holdout: neg release (callback-style acquisition)
  pool.connect((err, client, done) => {
    if (err || !client) return next(err);
    client.query("SELECT id FROM orders LIMIT 10", (qerr, result) => {
      done();
      if (qerr) return next(qerr);
      res.json(result.rows);
    });
  });
});

orders.get("/orders-promise", (req: Request, res: Response, next: NextFunction) => {
  // holdout: neg release (.finally releases) [callee starts on the pool line]
  pool
    .connect()
    .then((client: PoolClient) =>
      client
        .query("SELECT count(*) FROM orders")
        .then((r) => res.json(r.rows[0]))
        .finally(() => client.release()),
    )
    .catch(next);
});

orders.get("/orders-then-only", (req: Request, res: Response, next: NextFunction) => {
  // holdout: pos release (release only in .then, none on the rejection path) [callee starts on the pool line]
  pool
    .connect()
    .then(async (client: PoolClient) => {
      const r = await client.query("SELECT max(id) FROM orders");
      client.release();
      res.json(r.rows[0]);
    })
    .catch(next);
});

orders.get("/orders-then-catch", (req: Request, res: Response, next: NextFunction) => {
  // holdout: neg release (released in both .then and .catch handlers)
  pool.connect().then((client: PoolClient) =>
    client
      .query("SELECT min(id) FROM orders")
      .then((r) => {
        client.release();
        res.json(r.rows[0]);
      })
      .catch((e) => {
        client.release();
        next(e);
      }),
  );
});

orders.get("/orders/:id/using", async (req: Request, res: Response) => {
  // holdout: pos release (rule 4: await using on a pg pool client, pg does not dispose)
  await using client = await pool.connect();
  const { rows } = await client.query("SELECT * FROM orders WHERE id = $1", [req.params.id]);
  res.json(rows);
});

orders.get("/health/db", async (_req: Request, res: Response) => {
  // holdout: pos singleton (rule 1: Express handler; rule 3: db/pool.ts is the singleton)
  const probe = new Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  try {
    await probe.query("SELECT 1");
    res.send("ok");
  } finally {
    await probe.end();
  }
});

orders.post("/orders/:id/ship", async (req: Request, res: Response) => {
  // holdout: neg (direct pool.query acquires nothing to release)
  await pool.query("UPDATE orders SET shipped_at = now() WHERE id = $1", [req.params.id]);
  const out = await withTransaction(async (c) => {
    const r = await c.query("SELECT * FROM orders WHERE id = $1", [req.params.id]);
    return r.rows[0];
  });
  res.json(out);
});

orders.get("/orders/:id/wrapped", async (req: Request, res: Response) => {
  // holdout: neg release (acquisition wrapped in .catch, released in finally) [round 3, after the first fixes]
  const client = await pool.connect().catch((e) => {
    throw new Error("database unavailable", { cause: e });
  });
  try {
    const { rows } = await client.query("SELECT * FROM orders WHERE id = $1", [req.params.id]);
    res.json(rows);
  } finally {
    client.release();
  }
});

orders.get("/orders/:id/wrapped-leak", async (req: Request, res: Response) => {
  // holdout: pos release (acquisition wrapped in .catch, never released) [round 3, after the first fixes]
  const client = await pool.connect().catch((e) => {
    throw new Error("database unavailable", { cause: e });
  });
  const { rows } = await client.query("SELECT * FROM orders WHERE id = $1", [req.params.id]);
  res.json(rows);
});
