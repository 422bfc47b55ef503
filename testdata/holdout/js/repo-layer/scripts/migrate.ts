import { Kysely, PostgresDialect, Migrator, FileMigrationProvider } from "kysely";
import { promises as fs } from "node:fs";
import path from "node:path";
import pg from "pg";

async function migrateToLatest() {
  // holdout: neg (pool handed to the Kysely dialect, which owns and destroys it)
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  // holdout: neg (script main; destroy in finally)
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool }),
  });
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: path.join(import.meta.dirname, "../migrations") }),
  });
  try {
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  } finally {
    await db.destroy();
  }
}

migrateToLatest();
