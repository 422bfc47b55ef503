// Package consumer reads outboxes: each Consumer holds its own pool.
package consumer

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

// Consumer holds the pools it reads and listens with.
type Consumer struct {
	pool   *pgxpool.Pool
	listen *pgxpool.Pool
	name   string
}

// New opens a consumer's pools: a struct holding clients is returned, so
// every call of New is another pair of pools.
func New(ctx context.Context, dsn, name string) (*Consumer, error) {
	pool, err := pgxpool.New(ctx, dsn+"&pool_max_conns=3") // pools: max=3 source=url server=postgres apps=consumers
	if err != nil {
		return nil, err
	}
	c := &Consumer{pool: pool, name: name}
	if name != "" {
		listen, err := pgxpool.New(ctx, dsn+"&pool_max_conns=1") // pools: max=1 source=url server=postgres apps=consumers
		if err != nil {
			pool.Close()
			return nil, err
		}
		c.listen = listen
	}
	return c, nil
}

// Close closes its pools.
func (c *Consumer) Close() {
	c.pool.Close()
	if c.listen != nil {
		c.listen.Close()
	}
}

// Locks is the consumers' lock store.
type Locks struct {
	rdb *redis.Client
}

// NewLocks builds the client right in the struct it returns.
func NewLocks(addr string) *Locks {
	return &Locks{rdb: redis.NewClient(&redis.Options{Addr: addr, PoolSize: 4})} // pools: max=14 source=option server=redis apps=consumers
}

// Close closes its client.
func (l *Locks) Close() error { return l.rdb.Close() }
