import knex from "knex";

// holdout: neg (singleton module for knex)
export const db = knex({
  client: "pg",
  connection: process.env.DATABASE_URL,
  pool: { min: 0, max: 10 },
});
