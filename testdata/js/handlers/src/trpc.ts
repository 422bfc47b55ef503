import { initTRPC } from '@trpc/server'
import { Pool } from 'pg'

const t = initTRPC.create()
const publicProcedure = t.procedure

export const router = t.router({
  users: publicProcedure.query(async () => {
    const pool = new Pool() // want: singleton "tRPC procedure"
    return (await pool.query('SELECT 1')).rows
  }),
})
