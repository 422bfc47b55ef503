import { Pool } from "pg";
import { it, expect } from "vitest";

it("talks to the database", async () => {
  // holdout: neg (__tests__ directory)
  const pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL });
  const { rows } = await pool.query("SELECT 1 AS one");
  expect(rows[0].one).toBe(1);
});
