import { PrismaClient } from '#db'

// a factory: a new client per call
export function makeClient() {
  return new PrismaClient() // want: singleton "while the project has a singleton in packages/db/src/client.ts"
}
