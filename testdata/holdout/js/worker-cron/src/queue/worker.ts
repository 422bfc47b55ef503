import { createClient } from "redis";
import { Pool } from "pg";
import { cache } from "../lib/cache.js";

type Job = { id: string; kind: string; payload: Record<string, string> };

async function handle(job: Job) {
  // holdout: pos singleton (rule 1: built per job in a function whose result is not cached), neg release (finally)
  const pub = createClient({ url: process.env.EVENTS_REDIS_URL });
  await pub.connect();
  try {
    await pub.publish(`jobs:${job.kind}`, JSON.stringify(job.payload));
  } finally {
    await pub.quit();
  }
}

function tenantPool(url: string) {
  // holdout: neg (wrapper's own line is not flagged for being in a function; no pg singleton in this project; ownership returned)
  return new Pool({ connectionString: url, max: 1 });
}

async function poll() {
  for (;;) {
    const raw = await cache.brpop("jobs", 5);
    if (!raw) continue;
    await handle(JSON.parse(raw[1]) as Job);
    // holdout: pos singleton (rule 5: wrapper called in a loop body), neg release (never ended) [relabelled after the first run: RULES.md 'One finding per problem ... not into extra findings'; the per-call construction is the problem singleton reports, and building the client once removes the missing release too]
    const tp = tenantPool(process.env.TENANT_URL!);
    await tp.query("UPDATE counters SET n = n + 1 WHERE name = 'jobs'");
  }
}

await poll();
