import { createClient } from 'redis'
import { test } from 'vitest'

// ok: a test file (x_test.ts importing vitest) is not checked
test('store', async () => {
  const client = createClient()
  await client.connect()
})
