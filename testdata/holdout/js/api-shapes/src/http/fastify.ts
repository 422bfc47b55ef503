import Fastify from "fastify";
import pg from "pg";
import Redis from "ioredis";

const app = Fastify();

app.route({
  method: "GET",
  url: "/report",
  handler: async () => {
    // holdout: pos singleton (Fastify route({ handler }); rule 3: configured singleton)
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    try {
      return (await c.query("SELECT 1")).rows;
    } finally {
      await c.end();
    }
  },
});

app.get("/cache", async function (req) {
  // holdout: pos singleton (Fastify handler as a function expression; ioredis per request), neg release (quit in finally)
  const r = new Redis(process.env.REDIS_URL!);
  try {
    return await r.get(String((req.query as { k?: string }).k));
  } finally {
    await r.quit();
  }
});

export default app;
