'use strict'
const fp = require('fastify-plugin')
const Redis = require('ioredis')
const { MongoClient } = require('mongodb')

// A Fastify plugin: the client is registered on the instance it is given
// and lives as long as the server (reduced from @fastify/redis).
function fastifyRedis(fastify, options, next) {
  const { namespace, url, ...redisOptions } = options
  let client = options.client || null
  if (!client) {
    client = url ? new Redis(url, redisOptions) : new Redis(redisOptions) // ok: registered on fastify
    fastify.addHook('onClose', () => client.quit())
  }
  if (namespace) {
    fastify.redis[namespace] = client
  } else {
    fastify.decorate('redis', client)
  }
  next()
}

function decorate(fastify, client) {
  fastify.decorate('mongo', { client, db: client.db() })
  fastify.addHook('onClose', () => client.close())
}

// through a local helper that decorates (reduced from @fastify/mongodb)
async function fastifyMongo(fastify, options) {
  const client = new MongoClient(options.url) // ok: registered through decorate()
  await client.connect()
  decorate(fastify, client)
}

function audit(client, options) {
  return client.db().collection('audit').insertOne({ at: new Date(), who: options.user })
}

// a helper that only uses the client is no registration
async function auditOnce(fastify, options) {
  const client = new MongoClient(options.url) // want: singleton "does not cache"
  await client.connect()
  await audit(client, options)
  await client.close()
}

module.exports = { redis: fp(fastifyRedis), mongo: fp(fastifyMongo), auditOnce }
