import { Pool } from 'pg'

declare global {
  // eslint-disable-next-line no-var
  var pgPool: Pool | undefined
}

// ok: global.x ||= new Pool()
export const pool = (global.pgPool ||= new Pool({ connectionString: process.env.DATABASE_URL }))
