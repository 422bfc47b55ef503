// The project's own module, named like a generated client folder: it is
// the singleton re-exported, not the Prisma package.
export { prisma } from '#db'
