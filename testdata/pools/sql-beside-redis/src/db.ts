import { Sequelize } from "sequelize";

// The dialect rides on the URL, which the code does not show: the server
// is some SQL server.
export const sequelize = new Sequelize(process.env.DATABASE_URL!, { pool: { max: 7 } }); // pools: max=7 source=option server= apps=wiki
