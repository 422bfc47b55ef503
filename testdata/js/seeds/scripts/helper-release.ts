#!/usr/bin/env node
import { PrismaClient } from '@prisma/client'

const prisma = new PrismaClient() // ok: released by a helper called on every path

async function shutdown() {
  await prisma.$disconnect()
}

async function main() {
  await prisma.user.count()
}

main().then(shutdown, async (e) => {
  console.error(e)
  await shutdown()
})
