import { Pool as PgPool } from "pg";

// holdout: pos singleton (rule 3: configured singleton paths are src/infra/**, this module-level pool is outside it)
export const legacyPool = new PgPool({ connectionString: process.env.LEGACY_URL });
