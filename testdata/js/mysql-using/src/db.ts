import mysql from 'mysql2/promise'
import pg from 'pg'

export const pool = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 10 }) // ok: singleton
export const pgPool = new pg.Pool({ connectionString: process.env.PG_URL }) // ok: singleton
