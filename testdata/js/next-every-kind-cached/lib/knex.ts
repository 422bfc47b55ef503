import knex, { type Knex } from 'knex'

const g = global as typeof global & { knex?: Knex }

// ok: global.x || (global.x = f())
export const qb = g.knex || (g.knex = knex({ client: 'pg', connection: process.env.DATABASE_URL }))
