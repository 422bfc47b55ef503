import { projectPubSub } from '~/services/projectPubSub.server'

// Once at module scope: one connection for the process.
export const adminEvents = projectPubSub.subscribe('admin:*')
