import pg from 'pg'

// ok: the shared pool
export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
