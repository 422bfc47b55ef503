import { createDatabase } from './create.js'
import { migrate } from './migrate.js'

export default async function setup({ args }: { args: string[] }) {
  const name = args[0] ?? 'shop'
  try {
    if (!(await createDatabase(name))) {
      process.exit(1)
    }
    await migrate(name)
    process.exit(0)
  } catch (err) {
    console.error(err)
    process.exit(1)
  }
}
