import { getPool } from "@/lib/pg";

export async function GET() {
  // holdout: neg release (acquired inside try, released with optional chaining in finally)
  let client;
  try {
    client = await getPool().connect();
    const { rows } = await client.query("SELECT now()");
    return Response.json(rows);
  } finally {
    client?.release();
  }
}

export async function POST() {
  // holdout: pos release (an awaited BEGIN before the try skips the release when it fails)
  const client = await getPool().connect();
  await client.query("BEGIN");
  try {
    await client.query("INSERT INTO hits DEFAULT VALUES");
    await client.query("COMMIT");
  } finally {
    client.release();
  }
  return new Response(null, { status: 204 });
}

export async function PUT() {
  // holdout: neg release (release(true) destroys the client, still a release)
  const client = await getPool().connect();
  try {
    await client.query("DISCARD ALL");
  } finally {
    client.release(true);
  }
  return new Response(null, { status: 204 });
}
