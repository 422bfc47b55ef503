export { PrismaClient as LegacyPrismaClient } from './compat.js'
