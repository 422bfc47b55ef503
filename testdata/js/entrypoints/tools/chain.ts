import { PrismaClient } from '@prisma/client'

// `pnpm prisma generate && vite-node tools/chain.ts`
export const prisma = new PrismaClient() // want: singleton "this script" release "no catch path"

export async function main() {
  await prisma.user.count()
}

main().then(() => prisma.$disconnect())
