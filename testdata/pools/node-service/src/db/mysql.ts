import mysql from "mysql2/promise";

const POOL_SIZE = 15;

export const legacy = mysql.createPool({ uri: process.env.LEGACY_URL, connectionLimit: POOL_SIZE }); // pools: max=15 source=option server=mysql

export const billing = mysql.createPool("mysql://billing@db:3306/billing?connectionLimit=25"); // pools: max=25 source=url server=mysql
