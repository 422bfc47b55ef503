import { db } from '../src/db/client' // ok: imported for its type only... and never used

export type DB = typeof db
