const express = require('express')
const users = require('./routes/users')
const register = require('./routes/reports')
const db = require('./db')

const app = express()
app.use('/users', users)
register(app)

app.get('/health', async (req, res) => {
  await db.query('SELECT 1') // ok: the shared pool
  res.send('ok')
})

app.listen(3000)
