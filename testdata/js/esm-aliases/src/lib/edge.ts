import { PrismaClient } from '@prisma/client/edge.js'

export function edgeClient(url: string) {
  return new PrismaClient({ datasourceUrl: url }) // want: singleton "while the project has a singleton in src/db.ts"
}
