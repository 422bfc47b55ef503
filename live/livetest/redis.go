package livetest

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	goredis "github.com/redis/go-redis/v9"
)

// Redis is the machine's Redis (CONNLINT_REDIS_ADDR, default 127.0.0.1:6379).
type Redis struct {
	Addr  string
	admin *goredis.Client
}

// RedisServer returns the server, or skips/fails t when it cannot be reached.
func RedisServer(t testing.TB) *Redis {
	t.Helper()
	return redisServer(t, false)
}

// RedisServerExclusive is RedisServer for a test that changes maxclients.
func RedisServerExclusive(t testing.TB) *Redis {
	t.Helper()
	return redisServer(t, true)
}

func redisServer(t testing.TB, exclusive bool) *Redis {
	t.Helper()
	lock(t, "redis", exclusive)
	addr := os.Getenv("CONNLINT_REDIS_ADDR")
	if addr == "" {
		addr = "127.0.0.1:6379"
	}
	c := goredis.NewClient(&goredis.Options{Addr: addr, PoolSize: 1, MaxRetries: -1, DialTimeout: 3 * time.Second, ClientName: "livetest-admin", DisableIdentity: true, Protocol: 2})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := c.Ping(ctx).Err(); err != nil {
		c.Close()
		Unavailable(t, "Redis on %s: %v", addr, err)
	}
	t.Cleanup(func() { c.Close() })
	return &Redis{Addr: addr, admin: c}
}

// URL is the redis:// DSN.
func (r *Redis) URL() string { return "redis://" + r.Addr + "/0" }

// Admin is a client for test set-up.
func (r *Redis) Admin() *goredis.Client { return r.admin }

// Connected is INFO's connected_clients.
func (r *Redis) Connected(t testing.TB) int {
	t.Helper()
	s, err := r.admin.Info(context.Background(), "clients").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(s, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(l), "connected_clients:"); ok {
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	t.Fatal("no connected_clients in INFO")
	return 0
}

// SetMaxClients sets maxclients and puts the old value back at the end of
// the test: the setting is shared with everything on this machine, so keep
// the window short.
func (r *Redis) SetMaxClients(t testing.TB, n int) {
	t.Helper()
	ctx := context.Background()
	old, err := r.admin.ConfigGet(ctx, "maxclients").Result()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := r.admin.ConfigSet(context.Background(), "maxclients", old["maxclients"]).Err(); err != nil {
			t.Errorf("restore maxclients %s: %v", old["maxclients"], err)
		}
	})
	if err := r.admin.ConfigSet(ctx, "maxclients", fmt.Sprint(n)).Err(); err != nil {
		t.Fatal(err)
	}
}

// Open opens n connections named name, closed at the end of the test.
func (r *Redis) Open(t testing.TB, n int, name string) []*goredis.Client {
	t.Helper()
	var out []*goredis.Client
	t.Cleanup(func() {
		for _, c := range out {
			c.Close()
		}
	})
	for i := 0; i < n; i++ {
		c := goredis.NewClient(&goredis.Options{Addr: r.Addr, PoolSize: 1, MaxRetries: -1, ClientName: name, DisableIdentity: true, Protocol: 2})
		if err := c.Ping(context.Background()).Err(); err != nil {
			c.Close()
			t.Fatalf("open %s %d/%d: %v", name, i+1, n, err)
		}
		out = append(out, c)
	}
	return out
}
