import { db, sql } from "@db";
import { getSequelize } from "@db/sequelize";

export class ProductRepo {
  async byId(id: number) {
    // holdout: neg (singleton use through a barrel re-export)
    return db("products").where({ id }).first();
  }

  async search(term: string) {
    // holdout: neg (postgres.js singleton tagged template)
    return sql`SELECT * FROM products WHERE name ILIKE ${"%" + term + "%"}`;
  }

  async count() {
    // holdout: neg (cached factory call)
    const seq = getSequelize();
    const [rows] = await seq.query("SELECT count(*) FROM products");
    return rows;
  }
}
