import { Hono } from 'hono'
import { createClient } from 'redis'

const app = new Hono()

app.get('/cache/:k', async (c) => {
  const redis = createClient({ url: process.env.REDIS_URL }) // want: singleton "request handler"
  await redis.connect()
  try {
    return c.text((await redis.get(c.req.param('k'))) ?? '')
  } finally {
    await redis.quit()
  }
})

export default app
