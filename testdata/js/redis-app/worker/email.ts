import Redis from 'ioredis'
import { Worker, QueueEvents } from 'bullmq'

// BullMQ's blocking connections are dedicated: never told to import the
// queue's connection.
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null })

const worker = new Worker(
  'email',
  async (job) => {
    console.log('send', job.data)
  },
  { connection },
)

const events = new QueueEvents('email', { connection: new Redis(process.env.REDIS_URL!) })
events.on('failed', ({ jobId }) => console.error('failed', jobId))

process.on('SIGTERM', async () => {
  await worker.close()
  await connection.quit()
})
