import pg from 'pg'

// ok: the worker's pg pool, built once
export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5 })
