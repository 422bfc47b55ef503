import { RedisSubscriber } from '@/lib/subscriber'

// Server-sent events: a new subscriber connection per request.
export async function GET(req: Request) {
  const stream = new ReadableStream({
    async start(controller) {
      const sub = RedisSubscriber.createInstance() // want: singleton "route handler"
      await sub.listen('events', (m) => controller.enqueue(`data: ${m}\n\n`))
      req.signal.addEventListener('abort', () => sub.close())
    },
  })
  return new Response(stream, { headers: { 'content-type': 'text/event-stream' } })
}
