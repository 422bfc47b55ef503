import Redis from "ioredis";
import { db } from "@acme/db";

const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null }); // pools: kind=connection max=1 server=redis apps=worker

setInterval(async () => {
  const pending = await db.order.count();
  await connection.set("pending", String(pending));
}, 1000);
