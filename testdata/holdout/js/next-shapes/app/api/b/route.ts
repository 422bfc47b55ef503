import { Pool as NeonPool } from "@neondatabase/serverless";
import { Client as Elastic } from "@elastic/elasticsearch";
import { createClient } from "@supabase/supabase-js";

export const runtime = "edge";

export async function GET(req: Request) {
  // holdout: neg (lookalike: @elastic/elasticsearch Client)
  const es = new Elastic({ node: process.env.ES_URL! });
  // holdout: neg (lookalike: @supabase/supabase-js createClient)
  const supa = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);
  // holdout: pos singleton (route handler; neon Pool), neg release (end in finally)
  const pool = new NeonPool({ connectionString: process.env.DATABASE_URL });
  try {
    const { rows } = await pool.query("SELECT 1");
    return Response.json({ rows, es: !!es, supa: !!supa, sql: `new Pool()` });
  } finally {
    await pool.end();
  }
}
