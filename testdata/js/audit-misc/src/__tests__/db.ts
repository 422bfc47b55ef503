import Redis from 'ioredis'

// ok: __tests__/ holds tests
export function fresh() {
  return new Redis()
}
const r = fresh()
r.get('x')
