import { Hono } from "hono";
import mysql from "mysql2/promise";
import { pool } from "~db/mysql";
import { legacyPool } from "~db/mysql";

export const items = new Hono();

items.get("/items/:sku", async (c) => {
  // holdout: neg release (finally)
  const conn = await pool.getConnection();
  try {
    const [rows] = await conn.query("SELECT * FROM items WHERE sku = ?", [c.req.param("sku")]);
    return c.json(rows);
  } finally {
    conn.release();
  }
});

items.get("/items", async (c) => {
  // holdout: neg release (await using: mysql2 disposes pool connections)
  await using conn = await pool.getConnection();
  const [rows] = await conn.query("SELECT * FROM items LIMIT 100");
  return c.json(rows);
});

items.post("/items", async (c) => {
  const body = await c.req.json<{ sku: string; qty: number }>();
  // holdout: pos release (rule 2: never released)
  const conn = await pool.getConnection();
  await conn.execute("INSERT INTO items(sku, qty) VALUES (?, ?)", [body.sku, body.qty]);
  return c.json({ ok: true }, 201);
});

items.patch("/items/:sku", async (c) => {
  const body = await c.req.json<{ qty: number }>();
  // holdout: pos release (rule 1: early return before release)
  const conn = await pool.getConnection();
  if (body.qty < 0) {
    return c.json({ error: "qty must be >= 0" }, 400);
  }
  try {
    await conn.execute("UPDATE items SET qty = ? WHERE sku = ?", [body.qty, c.req.param("sku")]);
  } finally {
    conn.release();
  }
  return c.body(null, 204);
});

items.get("/reports/items", async (c) => {
  // holdout: pos singleton (rule 1: Hono handler; rule 3: src/db/mysql.ts is the singleton)
  const conn = await mysql.createConnection(process.env.REPORTING_URL!);
  try {
    const [rows] = await conn.query("SELECT sku, sum(qty) AS qty FROM items GROUP BY sku");
    return c.json(rows);
  } finally {
    await conn.end();
  }
});

items.get("/reports/fast", async (c) => {
  // holdout: pos singleton, neg release (per-request connection; await using disposes it)
  await using conn = await mysql.createConnection(process.env.REPORTING_URL!);
  const [rows] = await conn.query("SELECT count(*) AS n FROM items");
  return c.json(rows);
});

items.get("/legacy/items", (c) => {
  return new Promise<Response>((resolve, reject) => {
    // holdout: neg release (callback-style getConnection(cb))
    legacyPool.getConnection((err, conn) => {
      if (err) return reject(err);
      conn.query("SELECT * FROM items", (qerr, rows) => {
        conn.release();
        if (qerr) return reject(qerr);
        resolve(c.json(rows));
      });
    });
  });
});
