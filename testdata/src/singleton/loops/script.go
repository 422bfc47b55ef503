package loops

import (
	"context"

	"github.com/redis/go-redis/v9"
)

var popScript = redis.NewScript(`return redis.call("LPOP", KEYS[1])`)

type ShardRegistry struct{ clients []*redis.Client }

func (r *ShardRegistry) Add(c *redis.Client) { r.clients = append(r.clients, c) }

var shardRegistry = &ShardRegistry{}

// A package-level Script runs on the client it is handed and keeps
// nothing (its Scripter has no Close): a client per queue.
func popAll(ctx context.Context, addrs []string) {
	for _, addr := range addrs {
		rc := redis.NewClient(&redis.Options{Addr: addr}) // want `redis.NewClient builds a new \*redis.Client inside a loop`
		_ = popScript.Run(ctx, rc, []string{"jobs"})
		rc.Close()
	}
}

// Handed to a long-lived shardRegistry that keeps it: one client per shard
// for the life of the process.
func registerAll(addrs []string) {
	for _, addr := range addrs {
		rc := redis.NewClient(&redis.Options{Addr: addr})
		shardRegistry.Add(rc)
	}
}
