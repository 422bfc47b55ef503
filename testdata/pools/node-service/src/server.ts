import express from "express";
import { Pool } from "pg";
import { pool } from "./db/pg";

const app = express();

app.get("/orders", async (_req, res) => {
  const { rows } = await pool.query("select * from orders");
  res.json(rows);
});

// A pool per request: no pool size bounds this.
app.get("/export", async (_req, res) => {
  const exportPool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 }); // pools: instances=-1 max=2
  try {
    const { rows } = await exportPool.query("select * from orders");
    res.json(rows);
  } finally {
    await exportPool.end();
  }
});

app.listen(3000);
