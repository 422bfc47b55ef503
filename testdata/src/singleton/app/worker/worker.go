// Package worker imports the cache singleton. // want package:"singletons redis singleton/app/cache.client"
package worker

import (
	"context"

	"github.com/redis/go-redis/v9"

	"singleton/app/cache"
)

type Worker struct {
	rdb *redis.Client
}

// New builds its own client although cache.Client exists.
func New() *Worker { // want New:`wraps redis \(struct\)`
	return &Worker{rdb: redis.NewClient(&redis.Options{Addr: "cache:6379"})} // want `redis.NewClient builds a second \*redis.Client: package singleton/app/cache already keeps one in client; use it`
}

// NewShared uses the singleton.
func NewShared() *Worker {
	return &Worker{rdb: cache.Client()}
}

func (w *Worker) Tick(ctx context.Context) error {
	return w.rdb.Ping(ctx).Err()
}
