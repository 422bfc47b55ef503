import "reflect-metadata";
import { DataSource } from "typeorm";

// holdout: neg (singleton module for typeorm)
export const AppDataSource = new DataSource({
  type: "postgres",
  url: process.env.DATABASE_URL,
  entities: ["dist/entities/*.js"],
});
