import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { items } from "./routes/items.js";
import { pool } from "./db/mysql.js";

const app = new Hono();
app.route("/", items);

const server = serve({ fetch: app.fetch, port: 8080 });

process.on("SIGINT", async () => {
  server.close();
  await pool.end();
});
