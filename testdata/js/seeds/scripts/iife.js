const { Client } = require('pg')

;(async () => {
  const client = new Client() // want: release "awaited call fails"
  await client.connect()
  await client.query('SELECT 1')
  await client.end()
})()
