import { drizzle } from "drizzle-orm/postgres-js";
import { sql } from "./sql.js";

// holdout: neg (drizzle handed an existing client, not a connection string)
export const orm = drizzle(sql);

// holdout: neg (drizzle handed a client object)
export const ormWithConfig = drizzle({ client: sql, casing: "snake_case" });
