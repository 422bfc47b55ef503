#!/usr/bin/env node
import pg from 'pg';
import { writeFile } from 'node:fs/promises';

const { Client } = pg;
const regions = ['eu', 'us', 'ap'];

for (const region of regions) {
  // holdout: pos singleton (rule 1: loop body; rule 3: lib/db.js is the pg singleton), neg release (finally)
  const client = new Client({ connectionString: process.env[`DB_${region.toUpperCase()}`] });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT * FROM accounts');
    await writeFile(`accounts-${region}.json`, JSON.stringify(rows));
  } finally {
    await client.end();
  }
}
