// Package cache builds the Redis clients.
package cache

import "github.com/redis/go-redis/v9"

// New returns a client for addr: every call is another pool.
func New(addr string) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: addr, PoolSize: 16}) // pools: max=26 source=option server=redis
}
