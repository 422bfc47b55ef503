import knex from 'knex'

export const qb = knex({ client: 'pg', connection: process.env.DATABASE_URL }) // want: singleton "globalThis"
