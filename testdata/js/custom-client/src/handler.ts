import { AcmeClient, connectAcme } from '@acme/db'

export async function handle(req: Request) {
  const db = new AcmeClient(process.env.ACME_URL) // want: singleton "does not cache"
  return db.get(req.url)
}

export async function other() {
  const c = await connectAcme() // want: singleton
  try {
    return await c.get('/')
  } finally {
    await c.close()
  }
}
