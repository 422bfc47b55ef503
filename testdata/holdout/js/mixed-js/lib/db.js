'use strict';

const { Pool } = require('pg');

// holdout: neg (CommonJS singleton module: module.exports the pool)
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });

module.exports = { pool };
