import { createClient } from 'redis'

// A module variable holds a promise of the client.
let clientPromise: Promise<ReturnType<typeof createClient>> | undefined

export function getSessionStore() {
  if (!clientPromise) {
    const client = createClient({ url: process.env.SESSION_URL })
    client.on('error', (e) => console.error(e))
    clientPromise = client.connect().then(() => client)
  }
  return clientPromise
}
