import type { PoolClient } from "pg";

export async function auditAndRelease(client: PoolClient, action: string): Promise<void> {
  try {
    await client.query("INSERT INTO audit(action) VALUES ($1)", [action]);
  } finally {
    client.release();
  }
}
