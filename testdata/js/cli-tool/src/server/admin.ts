import express from 'express'
import { check } from '../commands/check.js'

const app = express()
app.get('/health', async (_req, res) => {
  res.json({ ok: await check(process.env.DATABASE_URL!) })
})
app.listen(3000)
