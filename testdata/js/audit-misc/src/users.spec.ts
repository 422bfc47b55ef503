import { Pool } from 'pg'

// ok: *.spec.* is a test file
export const pool = new Pool()
for (const i of [1, 2]) new Pool({ max: i })
