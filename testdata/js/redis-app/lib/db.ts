import { Pool } from 'pg'

// A private constructor reached only through a cached static getInstance().
export class Database {
  private static instance: Database | undefined
  readonly pool: Pool

  private constructor() {
    this.pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
  }

  static getInstance(): Database {
    if (!Database.instance) {
      Database.instance = new Database()
    }
    return Database.instance
  }
}
