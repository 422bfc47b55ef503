export * from "./knex.js";
export * from "./sql.js";
export { orm, ormWithConfig } from "./orm.js";
export { getSequelize } from "./sequelize.js";
