import { LegacyPrismaClient } from '@acme/db/legacy'
import { findUser } from '@acme/db/models/user'

export async function migrateUser(id: string) {
  const user = await findUser(id) // ok: the package's shared client
  const db = new LegacyPrismaClient() // want: singleton "does not cache it"
  await db.user.update({ where: { id }, data: { migrated: true, name: user?.name } })
  await db.$disconnect()
}
