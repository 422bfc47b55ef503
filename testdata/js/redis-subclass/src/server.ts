import express from "express";
import Redis from "ioredis";
import AppRedis from "./redis";

// A subclass of a subclass of the client: building it is building an
// ioredis client.
class ReportRedis extends Redis {}

const app = express();

app.get("/cached", async (_req, res) => {
  res.json(await AppRedis.client.get("k")); // ok: the singleton
});

app.get("/report", async (_req, res) => {
  const redis = new ReportRedis(process.env.REDIS_URL!); // want: singleton "request handler"
  try {
    res.json(await redis.get("report"));
  } finally {
    await redis.quit();
  }
});

// The subclass of another module, built per request.
app.get("/fresh", async (_req, res) => {
  const fresh = new AppRedis(process.env.REDIS_URL!); // want: singleton "request handler"
  try {
    res.json(await fresh.get("k"));
  } finally {
    await fresh.quit();
  }
});

app.listen(3000);
