import { Pool } from 'pg'

// ok: the project's pool
export const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
