export { prisma } from './client.js'
export * from './facade.js'
