// Package lib has the project's client helpers.
package lib

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

// OpenDB opens a pool with the project's settings. Its own construction is
// not reported for being in a function: it returns the client.
func OpenDB(dsn string) (*sql.DB, error) { // want OpenDB:"wraps sql"
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	db.SetMaxOpenConns(10)
	return db, nil
}

// Cache is a struct holding a new client.
type Cache struct {
	rdb    *redis.Client
	prefix string
}

// NewCache builds a Cache around a new redis client.
func NewCache(addr, prefix string) *Cache { // want NewCache:`wraps redis \(struct\)`
	return &Cache{rdb: redis.NewClient(&redis.Options{Addr: addr}), prefix: prefix}
}

// MustPool wraps a wrapper.
func MustPool(ctx context.Context, dsn string) *pgxpool.Pool { // want MustPool:"wraps pgxpool"
	p, err := newPool(ctx, dsn)
	if err != nil {
		panic(err)
	}
	return p
}

func newPool(ctx context.Context, dsn string) (*pgxpool.Pool, error) { // want newPool:"wraps pgxpool"
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = 8
	return pgxpool.NewWithConfig(ctx, cfg)
}

// Repo takes a client; it builds none.
type Repo struct{ db *sql.DB }

// NewRepo is no wrapper: the client comes from the caller.
func NewRepo(db *sql.DB) *Repo { return &Repo{db: db} }
