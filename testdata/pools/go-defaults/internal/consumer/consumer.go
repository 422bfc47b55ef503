// Package consumer reads outboxes: each Consumer holds its own pool.
package consumer

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

// Consumer holds the pool it reads with.
type Consumer struct {
	pool *pgxpool.Pool
	name string
}

// New opens a consumer's pool: a struct holding a client is returned, so
// every call of New is another pool.
func New(ctx context.Context, dsn, name string) (*Consumer, error) {
	pool, err := pgxpool.New(ctx, dsn+"&pool_max_conns=3") // pools: max=3 source=url server=postgres apps=consumers
	if err != nil {
		return nil, err
	}
	return &Consumer{pool: pool, name: name}, nil
}

// Close closes its pool.
func (c *Consumer) Close() { c.pool.Close() }

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
