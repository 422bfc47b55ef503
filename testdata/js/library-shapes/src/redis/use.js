import { createRedis } from './create.js'

export const _cache = { redis: undefined }

// ok: the shared client, cached through an imported factory
export const useRedis = () => {
  if (_cache.redis) return _cache.redis
  _cache.redis = createRedis()
  return _cache.redis
}
