import { createPool } from './make'
import makeRedis from './make'

// ok: the factories called once at module scope make the singletons
export const pool = createPool({ max: 20 })
export const redis = makeRedis()
