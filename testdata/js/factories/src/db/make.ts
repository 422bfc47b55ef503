import { Pool, type PoolConfig } from 'pg'
import Redis from 'ioredis'
import mysql from 'mysql2/promise'

// Factories: a new client per call. Their own lines are not flagged.
export function createPool(config?: PoolConfig) {
  return new Pool({ connectionString: process.env.DATABASE_URL, ...config }) // ok: the factory's own line
}

export default function makeRedis(url = process.env.REDIS_URL) {
  return new Redis(url!) // ok: the factory's own line
}

export const openMysql = async () => mysql.createConnection(process.env.MYSQL_URL!) // ok: the factory's own line

// A factory returning a struct that holds the client.
export function createRepo() {
  const pool = new Pool() // ok: returned inside the repo
  return {
    pool,
    findUser: (id: string) => pool.query('SELECT * FROM users WHERE id = $1', [id]),
  }
}

// ok: not a factory: a cached getter
let shared: Pool | undefined
export function getPool() {
  return (shared ??= new Pool())
}
