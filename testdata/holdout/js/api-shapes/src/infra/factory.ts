import { createPool } from "mysql2";
import postgres from "postgres";

// holdout: neg (wrapper inside the configured singleton paths: its own line is not flagged for being in a function)
export const makeMysql = (uri: string) => createPool({ uri }).promise();

export function makeStore(url: string) {
  // holdout: neg (wrapper returning a struct holding the new client)
  return { sql: postgres(url), url };
}
