import { PrismaClient } from '@prisma/client'

// `npm run prune:inner` -> `dotenv -- bun tools/prune.ts`
export const prisma = new PrismaClient() // want: singleton "this script" release "never released"

export async function prune() {
  await prisma.post.deleteMany({ where: { draft: true } })
}

prune()
