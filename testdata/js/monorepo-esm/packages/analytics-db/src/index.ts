// Named apart from @acme/db's PrismaClient so one module can import both.
export { PrismaClient as AnalyticsClient } from '../generated/analytics/index.js'
