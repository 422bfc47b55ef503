import Redis from 'ioredis'
import { asValue, type AwilixContainer } from 'awilix'

// A module loader: the client is registered in the container it is given,
// through asValue(): kept for the process.
export default async function redisLoader({ container }: { container: AwilixContainer }) {
  const connection = new Redis(process.env.REDIS_URL!, { lazyConnect: true })
  await connection.connect()
  container.register({ redisConnection: asValue(connection) })
}
