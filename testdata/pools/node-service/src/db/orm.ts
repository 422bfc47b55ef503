import { Sequelize } from "sequelize";
import { DataSource } from "typeorm";

export const sequelize = new Sequelize(process.env.DATABASE_URL!, { dialect: "postgres", pool: { max: 12, min: 0 } }); // pools: max=12 source=option server=postgres

export const dataSource = new DataSource({ type: "postgres", url: process.env.DATABASE_URL, extra: { max: 7 } }); // pools: max=7 source=option server=postgres

export const reporting = new DataSource({ type: "mysql", url: process.env.REPORTING_URL, poolSize: 3 }); // pools: max=3 source=option server=mysql
