import type { FastifyInstance } from "fastify";
import { createPool, createPoolCluster, type PoolConnection } from "mysql2/promise";
import { pool } from "../db/mysql.js";

export async function stockRoutes(app: FastifyInstance) {
  app.get("/stock/:sku", async (req, reply) => {
    const { sku } = req.params as { sku: string };
    // holdout: pos release (rule 1: release only inside try)
    const conn = await pool.getConnection();
    try {
      const [rows] = await conn.query("SELECT qty FROM stock WHERE sku = ?", [sku]);
      conn.release();
      return rows;
    } catch (err) {
      reply.code(500);
      return { error: (err as Error).message };
    }
  });

  app.post("/stock/transfer", async (req) => {
    const { from, to, qty } = req.body as { from: string; to: string; qty: number };
    // holdout: neg release (finally after begin/commit/rollback)
    const conn: PoolConnection = await pool.getConnection();
    try {
      await conn.beginTransaction();
      await conn.execute("UPDATE stock SET qty = qty - ? WHERE sku = ?", [qty, from]);
      await conn.execute("UPDATE stock SET qty = qty + ? WHERE sku = ?", [qty, to]);
      await conn.commit();
      return { ok: true };
    } catch (err) {
      await conn.rollback();
      throw err;
    } finally {
      conn.release();
    }
  });

  app.get("/stock/shards", async () => {
    // holdout: pos singleton (rule 1: Fastify handler builds a pool cluster)
    const cluster = createPoolCluster();
    try {
      cluster.add("a", { uri: process.env.SHARD_A_URL });
      const conn = await cluster.getConnection("a");
      conn.release();
      return { ok: true };
    } finally {
      await cluster.end();
    }
  });

  app.get("/stock/archive", async () => {
    // holdout: pos singleton, neg release (Fastify handler builds a pool and never ends it) [relabelled after the first run: RULES.md 'One finding per problem ... not into extra findings'; the per-call construction is the problem singleton reports, and building the client once removes the missing release too]
    const archive = createPool({ uri: process.env.ARCHIVE_URL, connectionLimit: 2 });
    const [rows] = await archive.query("SELECT * FROM stock_archive LIMIT 10");
    return rows;
  });
}
