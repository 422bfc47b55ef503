// The package's client through its exports subpath
export { prisma as db } from '@acme/db/client'
