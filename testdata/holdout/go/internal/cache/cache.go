// Package cache wraps go-redis. It does not import the singleton package.
package cache

import (
	"context"
	"encoding/json"
	"errors"
	"log"
	"time"

	"github.com/redis/go-redis/v9"
)

type Cache struct {
	rdb *redis.Client
	ttl time.Duration
}

// holdout: neg
// singleton 5: a wrapper constructor returning a struct that holds the new client.
func New(addr string, ttl time.Duration) *Cache {
	return &Cache{rdb: redis.NewClient(&redis.Options{Addr: addr, PoolSize: 20}), ttl: ttl}
}

// holdout: neg
// singleton: a constructor returning the client; a failover client is a constructor like NewClient.
func NewSentinel(master string, addrs []string) redis.UniversalClient {
	return redis.NewFailoverClient(&redis.FailoverOptions{MasterName: master, SentinelAddrs: addrs})
}

// holdout: neg
// release: nothing acquired; Get/Set are plain commands.
func (c *Cache) GetJSON(ctx context.Context, key string, v any) (bool, error) {
	b, err := c.rdb.Get(ctx, key).Bytes()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal(b, v)
}

// holdout: neg
// release: PubSub closed by defer.
func (c *Cache) WaitFor(ctx context.Context, channel string) (string, error) {
	ps := c.rdb.Subscribe(ctx, channel)
	defer ps.Close()
	msg, err := ps.ReceiveMessage(ctx)
	if err != nil {
		return "", err
	}
	return msg.Payload, nil
}

// holdout: pos release
// release 2: a PSubscribe that is never closed.
func (c *Cache) Watch(ctx context.Context, pattern string, fn func(string)) {
	ps := c.rdb.PSubscribe(ctx, pattern)
	for msg := range ps.Channel() {
		fn(msg.Payload)
	}
}

// holdout: pos release
// release 1: PubSub closed only when the first receive succeeds.
func (c *Cache) Confirm(ctx context.Context, channel string) error {
	ps := c.rdb.Subscribe(ctx, channel)
	if _, err := ps.Receive(ctx); err != nil {
		return err
	}
	return ps.Close()
}

// holdout: neg
// release: the PubSub is handed to a goroutine that closes it.
func (c *Cache) Forward(ctx context.Context, channel string, out chan<- string) {
	ps := c.rdb.Subscribe(ctx, channel)
	go func() {
		defer ps.Close()
		for msg := range ps.Channel() {
			out <- msg.Payload
		}
	}()
}

// holdout: pos release
// singleton 2: a short-lived redis client built and dropped per call (never closed).
// Relabelled from "pos singleton": RULES.md rule 2 is now short-lived AND per call, and
// nothing calls it in a loop or a handler (it has no caller); code that runs once is left
// to release, which reports the missing release (the corpus author's first label had it).
func Flush(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	return rdb.FlushDB(ctx).Err()
}

// holdout: neg
// release: a pipeline is not a resource; nothing acquired.
func (c *Cache) MustWarm(ctx context.Context, keys map[string]string) {
	pipe := c.rdb.Pipeline()
	for k, v := range keys {
		pipe.Set(ctx, k, v, c.ttl)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		log.Fatalf("warm: %v", err)
	}
}

// holdout: neg
// release: a wrapper's client closed by the Cache's Close.
func (c *Cache) Close() error { return c.rdb.Close() }
