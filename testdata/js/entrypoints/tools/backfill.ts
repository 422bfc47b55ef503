import { PrismaClient } from '@prisma/client'

// Named by `dotenv -e .env.local -- tsx tools/backfill.ts`: a script even
// though it exports its step.
const prisma = new PrismaClient() // want: singleton "this script" release "never released"

export async function backfill() {
  await prisma.user.updateMany({ where: { plan: null }, data: { plan: 'free' } })
}

backfill().catch((e) => console.error(e))
