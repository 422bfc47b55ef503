import { EventEmitter } from "node:events";
import { Client } from "pg";

export const bus = new EventEmitter();

bus.on("order.created", async (orderId: string) => {
  // holdout: pos singleton (event callback runs per event)
  const c = new Client();
  await c.connect();
  try {
    await c.query("NOTIFY orders, $1", [orderId]);
  } finally {
    await c.end();
  }
});

setInterval(async () => {
  // holdout: pos singleton (timer callback runs per tick)
  const c = new Client();
  await c.connect();
  try {
    await c.query("SELECT 1");
  } finally {
    await c.end();
  }
}, 60_000);

export function fanout(urls: string[]) {
  urls.forEach(async (url) => {
    // holdout: pos singleton (array callback runs per element)
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      await c.query("SELECT 1");
    } finally {
      await c.end();
    }
  });
}
