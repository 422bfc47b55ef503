import { Pool } from "pg";

declare global {
  var devPool: Pool | undefined;
}

// A pool for the local tools only: production never builds it.
if (process.env.NODE_ENV === "development") {
  globalThis.devPool ??= new Pool({ max: 3 }); // pools: instances=0 max=3
}
