import Redis from 'ioredis'

// The project's client factory: every call opens a connection.
export function createRedisClient(name: string, options: { host: string; port: number }) {
  const client = new Redis({ connectionName: name, ...options })
  client.on('error', (e) => console.error(name, e))
  return client
}
