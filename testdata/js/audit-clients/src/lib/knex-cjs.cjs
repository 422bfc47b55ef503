// CommonJS knex: require('knex')(config)
function reportDb() {
  const db = require('knex')({ client: 'pg', connection: process.env.REPORT_URL }) // want: singleton "does not cache"
  return db('reports').count()
}

const { knex: makeKnex } = require('knex')

async function archive() {
  const db = makeKnex({ client: 'pg', connection: process.env.DATABASE_URL }) // want: singleton
  try {
    await db('events').where('at', '<', new Date(0)).del()
  } finally {
    await db.destroy()
  }
}

module.exports = { reportDb, archive }
