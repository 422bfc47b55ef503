const { Pool } = require('pg')
const mysql = require('mysql2/promise')

// ok: the project's pools
const pool = new Pool()
const myPool = mysql.createPool(process.env.MYSQL_URL)

module.exports = { pool, myPool }
