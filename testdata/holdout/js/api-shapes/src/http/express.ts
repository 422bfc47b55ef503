import express from "express";
import { Pool } from "undici";
import { makeMysql, makeStore } from "../infra/factory.js";
import { pool } from "../infra/db.js";

const app = express();

app.use(async (req, res, next) => {
  // holdout: pos singleton (rule 5: wrapper imported by name, called per request in middleware), neg release (end in finally)
  const my = makeMysql(process.env.MYSQL_URL!);
  try {
    await my.query("SELECT 1");
    next();
  } finally {
    await my.end();
  }
});

app.get("/store", async (_req, res) => {
  // holdout: pos singleton (rule 5: wrapper returning a struct, called per request), neg release (end in finally)
  const store = makeStore(process.env.DATABASE_URL!);
  try {
    res.json(await store.sql`SELECT 1`);
  } finally {
    await store.sql.end();
  }
});

app.get("/proxy", async (_req, res) => {
  // holdout: neg (lookalike: undici Pool)
  const http = new Pool("http://upstream:8080");
  const r = await http.request({ path: "/", method: "GET" });
  res.send(await r.body.text());
});

app.get("/tx", async (_req, res) => {
  // holdout: neg release (nested try: the outer finally releases)
  const client = await pool.connect();
  try {
    try {
      await client.query("BEGIN");
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK");
      throw e;
    }
  } finally {
    client.release();
  }
  res.sendStatus(204);
});

app.get("/tx2", async (_req, res) => {
  // holdout: pos release (inner try releases only after COMMIT; the catch rethrows without release)
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("COMMIT");
    client.release();
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  }
  res.sendStatus(204);
});

export default app;
