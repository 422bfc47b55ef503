import knex from "knex";

export const db = knex({ // pools: max=8 source=env server=postgres
  client: "pg",
  connection: process.env.DATABASE_URL,
  pool: { min: 2, max: parseInt(process.env.KNEX_POOL_MAX || "8", 10) },
});
