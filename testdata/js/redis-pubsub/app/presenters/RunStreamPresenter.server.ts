import { tracePubSub } from '~/services/tracePubSub.server'

type Loader = { handler: (ctx: { traceId: string }) => Promise<{ init: (send: (m: string) => void) => void; cleanup: () => void }> }

export function createSSELoader(loader: Loader) {
  return loader
}

// The handler's result goes to the framework, per request: closures over
// the subscriber it opened do not make the handler a factory.
export const runStreamLoader = createSSELoader({
  handler: async (ctx) => {
    const { unsubscribe, events } = await tracePubSub.subscribeToTrace(ctx.traceId) // want: singleton "request handler"
    return {
      init: (send) => events.on('message', send),
      cleanup: () => void unsubscribe(),
    }
  },
})
