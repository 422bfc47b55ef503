import { Router } from 'express'
import { PrismaClient } from '~generated/prisma/client'
import { prisma } from '@/lib/prisma/client'

export const orders = Router()

orders.get('/orders', async (_req, res) => {
  res.json(await prisma.order.findMany({ take: 50 }))
})

orders.get('/orders/export', async (_req, res) => {
  const db = new PrismaClient() // want: singleton "in a request handler"
  res.json(await db.order.findMany())
})
