export function databaseUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://localhost:5432/postgres')
  url.pathname = `/${database}`
  return url.toString()
}
