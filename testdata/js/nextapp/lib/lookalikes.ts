import { Redis } from '@upstash/redis'
import { Client } from '@upstash/qstash'
import { createConnection } from 'node:net'
import { createClient } from '@supabase/supabase-js'

export async function handler() {
  const redis = new Redis({ url: 'https://x', token: 't' }) // ok: @upstash/redis is HTTP
  const q = new Client({ token: 't' }) // ok: @upstash/qstash
  const sock = createConnection(5432) // ok: node:net
  const supabase = createClient('https://x', 'key') // ok: not a database pool
  return { redis, q, sock, supabase }
}

function createPool() {
  return { size: 1 }
}

export function local() {
  return createPool() // ok: a local createPool is not mysql2's
}
