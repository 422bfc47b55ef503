import postgres from "postgres";

export const sql = postgres(process.env.DATABASE_URL!, { max: 4, idle_timeout: 20 }); // pools: max=4 source=option server=postgres
