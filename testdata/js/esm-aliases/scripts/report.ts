import { prisma } from '@/lib/prisma/client' // want: release "never released"

const total = await prisma.order.aggregate({ _sum: { total: true } })
console.log(total._sum.total)
