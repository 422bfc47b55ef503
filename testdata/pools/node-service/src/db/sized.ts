import { Pool } from "pg";

interface PoolOptions {
  max?: number;
}

// A factory whose callers size the pool: each call's argument is its maximum.
export function makePool(url: string, options: PoolOptions = {}) {
  return new Pool({ connectionString: url, max: options.max ?? 5 }); // pools: state=unknown instances=0
}

export const reads = makePool(process.env.READ_URL!, { max: 3 }); // pools: max=3 source=option instances=1
export const writes = makePool(process.env.WRITE_URL!); // pools: max=5 source=option instances=1
export const reports = makePool(process.env.REPORTS_URL!, { max: Number(process.env.REPORTS_MAX) }); // pools: state=unknown instances=1
