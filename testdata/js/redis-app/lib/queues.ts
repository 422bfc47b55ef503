import { Queue } from 'bullmq'
import Redis from 'ioredis'

// One queue per shard, kept in a static Map through two local variables:
// its connection is built once per shard, not on every call.
export class EmailQueue {
  private static instances = new Map<number, Queue>()

  static getInstance(shard = 0): Queue {
    const existing = EmailQueue.instances.get(shard)
    if (existing) return existing
    const connection = new Redis(process.env.QUEUE_REDIS_URL!, { enableOfflineQueue: false })
    const queue = new Queue(`email-${shard}`, { connection })
    EmailQueue.instances.set(shard, queue)
    return queue
  }
}
