import express from 'express'
import { countOrders } from './commands/report.js'
import stats from './commands/stats.js'

const app = express()

app.get('/orders/count', async (_req, res) => {
  res.json({ orders: await countOrders() })
})

app.get('/stats', async (_req, res) => {
  res.json(await stats())
})

app.listen(Number(process.env.PORT ?? 4000))
