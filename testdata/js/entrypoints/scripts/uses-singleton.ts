import { prisma } from '../lib/prisma'

// A script that imports the singleton: fine for singleton; release of an
// imported singleton is asked only of configured scripts.
const n = await prisma.user.count()
console.log(n)
