import { createServer } from 'node:http'
import { PrismaClient } from '@prisma/client'

// Drives itself but starts a server: its client lives with the process.
const prisma = new PrismaClient() // want: singleton "in this module"

async function main() {
  createServer(async (_req, res) => {
    res.end(JSON.stringify(await prisma.user.count()))
  }).listen(3001)
}

main()
