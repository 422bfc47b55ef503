import Fastify from 'fastify'
import pg from 'pg'

const app = Fastify()

app.get('/users', async (request, reply) => {
  const pool = new pg.Pool() // want: singleton "request handler"
  return (await pool.query('SELECT 1')).rows
})

app.route({
  method: 'GET',
  url: '/x',
  handler: async () => {
    const c = new pg.Client() // want: singleton "request handler"
    await c.connect()
    return 'x'
  },
})

app.listen({ port: 3000 })
