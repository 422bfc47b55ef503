const pg = require('pg')

// A factory outside the singleton module while the project has one.
function makePool() {
  return new pg.Pool({ max: 2 }) // want: singleton "singleton in db/index.js"
}

module.exports = { makePool }
