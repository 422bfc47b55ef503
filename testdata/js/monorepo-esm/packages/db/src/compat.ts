// The older name some apps still import, through an alias and an export
// list rather than a const.
import { PrismaClient as P } from './generated/prisma/client.js'

export { P as PrismaClient }
