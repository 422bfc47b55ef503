import { PrismaClient } from '@prisma/client'

// Driven by top-level await: a failed query skips the disconnect.
const prisma = new PrismaClient() // want: singleton "this script" release "awaited call fails"

const users = await prisma.user.findMany()
console.log(`${users.length} users`)
await prisma.$disconnect()
