import mysql from "mysql2/promise";
import * as mysqlCb from "mysql";

// holdout: neg (singleton module: exported pool)
export const pool = mysql.createPool({
  uri: process.env.MYSQL_URL,
  connectionLimit: 10,
  waitForConnections: true,
});

// The legacy schema still goes through the callback driver.
// holdout: neg (package-level construction in the singleton module)
export const legacyPool = mysqlCb.createPool({
  host: process.env.LEGACY_HOST,
  user: "inventory",
  database: "legacy",
});

export type Conn = mysql.PoolConnection;
