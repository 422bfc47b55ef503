import knex from "knex";

// holdout: pos singleton (rule 4: Next.js singleton module builds knex at module scope without globalThis)
export default knex({ client: "pg", connection: process.env.DATABASE_URL });
