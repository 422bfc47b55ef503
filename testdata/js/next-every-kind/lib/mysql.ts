import mysql from 'mysql2/promise'

export const db = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 5 }) // want: singleton "globalThis"
