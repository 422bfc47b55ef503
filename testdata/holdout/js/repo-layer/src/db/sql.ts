import postgres from "postgres";

// holdout: neg (singleton module for postgres.js)
export const sql = postgres(process.env.DATABASE_URL!, { max: 10, idle_timeout: 20 });
