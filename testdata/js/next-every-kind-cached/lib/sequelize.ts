import { Sequelize } from 'sequelize'

const globalForSequelize = globalThis as unknown as { sequelize?: Sequelize }

// ok: ?? with a later assignment outside production
export const sequelize = globalForSequelize.sequelize ?? new Sequelize(process.env.DATABASE_URL!, { logging: false })
if (process.env.NODE_ENV !== 'production') globalForSequelize.sequelize = sequelize
