import { PubSub } from '~/utils/zodPubSub.server'
import { singleton } from '~/utils/singleton'

// The pub/sub itself is built once.
export const projectPubSub = singleton('projectPubSub', initProjectPubSub)

function initProjectPubSub() {
  const pubSub = new PubSub({ host: process.env.PUBSUB_HOST!, port: 6379 })
  return pubSub
}
