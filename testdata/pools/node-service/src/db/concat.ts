import postgres from "postgres";

// The pool size rides on the URL the code appends to.
export const jobs = postgres(process.env.DATABASE_URL + "?max=6"); // pools: max=6 source=url server=postgres
