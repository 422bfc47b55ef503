import mysql, { type Pool } from 'mysql2/promise'

const globalForDb = globalThis as unknown as { mysqlPool: Pool | undefined }

// ok: the if-not-cached shape
if (!globalForDb.mysqlPool) {
  globalForDb.mysqlPool = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 5 })
}
export const db = globalForDb.mysqlPool
