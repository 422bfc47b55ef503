import { getPool } from "@/lib/pg";

export async function POST(req: Request) {
  const ids: number[] = await req.json();
  for (const id of ids) {
    // holdout: pos release (continue skips the release)
    const client = await getPool().connect();
    if (id < 0) continue;
    try {
      await client.query("DELETE FROM hits WHERE id = $1", [id]);
    } finally {
      client.release();
    }
  }
  return new Response(null, { status: 204 });
}

export async function DELETE(req: Request) {
  const ids: number[] = await req.json();
  for (const id of ids) {
    // holdout: pos release (break skips the release)
    const client = await getPool().connect();
    if (id === 0) break;
    try {
      await client.query("DELETE FROM hits WHERE id = $1", [id]);
    } finally {
      client.release();
    }
  }
  return new Response(null, { status: 204 });
}

export async function PATCH() {
  // holdout: neg release (released through a local arrow called in finally)
  const client = await getPool().connect();
  const done = () => client.release();
  try {
    await client.query("UPDATE hits SET n = n + 1");
  } finally {
    done();
  }
  return new Response(null, { status: 204 });
}
