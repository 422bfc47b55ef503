import { Sequelize } from "sequelize";

let instance: Sequelize | undefined;

export function getSequelize(): Sequelize {
  if (!instance) {
    // holdout: neg (cached factory in the singleton module)
    instance = new Sequelize(process.env.DATABASE_URL!, { logging: false });
  }
  return instance;
}
