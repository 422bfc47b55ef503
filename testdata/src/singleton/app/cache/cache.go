// Package cache keeps the process's redis client behind a sync.Once. // want package:"singletons redis singleton/app/cache.client"
package cache

import (
	"sync"

	"github.com/redis/go-redis/v9"
)

var (
	once   sync.Once
	client *redis.Client
)

// Client returns the shared client.
func Client() *redis.Client {
	once.Do(func() {
		client = redis.NewClient(&redis.Options{Addr: "cache:6379"})
	})
	return client
}
