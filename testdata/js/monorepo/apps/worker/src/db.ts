import { PrismaClient } from '@prisma/client'

// ok: the worker app has its own singleton; it does not depend on @acme/db
export const prisma = new PrismaClient()
