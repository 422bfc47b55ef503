// ok: text in comments and strings never counts:
// const prisma = new PrismaClient()
/* new Pool({ connectionString }) */
export const example = "const prisma = new PrismaClient()"
export const tmpl = `await pool.connect()`
