import { projectPubSub } from '~/services/projectPubSub.server'

export class TasksStreamPresenter {
  async call(projectId: string, send: (m: string) => void, signal: AbortSignal) {
    const subscriber = await projectPubSub.subscribe(`project:${projectId}:*`) // want: singleton "every call"
    await subscriber.start(send)
    signal.addEventListener('abort', () => void subscriber.stop())
  }
}
