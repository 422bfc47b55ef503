import { pool } from '../lib/db.js';

export async function tailEvents(onEvent) {
  // holdout: neg release (LISTEN client kept for the life of the process: stored in a module variable)
  const client = await pool.connect();
  listener = client;
  client.on('notification', (msg) => onEvent(JSON.parse(msg.payload)));
  await client.query('LISTEN account_events');
}

export let listener = null;
