import { PrismaClient } from '@prisma/client'

export async function audit() {
  // connlint-ignore singleton,release -- the audit log uses its own connection on purpose
  const auditDb = new PrismaClient({ datasourceUrl: process.env.AUDIT_URL })
  await auditDb.log.create({ data: {} })
}

export async function legacy() {
  const legacyDb = new PrismaClient() //nolint:connlint
  return legacyDb.user.count().finally(() => legacyDb.$disconnect())
}

export async function onlyRelease() {
  const x = new PrismaClient() //nolint:connlint/release // want: singleton
  await x.user.count()
}
