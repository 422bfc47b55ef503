import { Pool } from 'undici'
import { Client } from '@elastic/elasticsearch'
import net from 'net'
import * as tls from 'node:tls'

// a local createClient is not redis's
function createClient(url: string) {
  return { url, get: async (k: string) => k }
}

export async function handler(req: Request) {
  const http = new Pool('https://api.example.com') // ok: undici's HTTP pool
  const es = new Client({ node: 'http://es:9200' }) // ok: Elasticsearch
  const sock = net.createConnection(6379, 'redis') // ok: node's net
  const secure = tls.connect(5432, 'db') // ok: node's tls
  const cache = createClient('redis://cache') // ok: a local createClient
  return Response.json({ http, es, sock, secure, v: await cache.get(req.url) })
}
