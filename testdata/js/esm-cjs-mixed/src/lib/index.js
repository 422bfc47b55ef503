// a barrel
export * from './db/index.js'
export { sql as database } from './db/index.js'
export { createRedis } from './clients.js'
