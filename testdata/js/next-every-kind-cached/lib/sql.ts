import postgres from 'postgres'

declare global {
  // eslint-disable-next-line no-var
  var __sql: ReturnType<typeof postgres> | undefined
}

// ok: globalThis.x ??= f()
const sql = (globalThis.__sql ??= postgres(process.env.DATABASE_URL!))
export default sql
