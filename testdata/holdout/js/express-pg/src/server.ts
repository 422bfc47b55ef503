import express from "express";
import { orders } from "./routes/orders.js";
import { misc } from "./routes/misc.js";
import { pool } from "./db/pool.js";

const app = express();
app.use(express.json());
app.use(orders);
app.use(misc);

const server = app.listen(Number(process.env.PORT ?? 3000));

process.on("SIGTERM", () => {
  server.close(() => {
    void pool.end();
  });
});
