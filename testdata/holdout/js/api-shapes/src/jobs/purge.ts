// holdout: pos release (configured script never ends the imported singleton)
import { pool } from "../infra/db.js";

const { rowCount } = await pool.query("DELETE FROM sessions WHERE expires_at < now()");
console.log(`purged ${rowCount}`);
