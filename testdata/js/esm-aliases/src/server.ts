import express from 'express'
import { orders } from './routes/orders.js'

const app = express()
app.use(orders)
app.listen(3000)
