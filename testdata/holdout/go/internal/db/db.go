// Package db holds the process-wide database clients.
package db

import (
	"context"
	"database/sql"
	"log"
	"os"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/redis/go-redis/v9"
)

var (
	poolOnce sync.Once
	pool     *pgxpool.Pool
	poolErr  error
)

// Redis is the shared cache client.
// holdout: neg
// singleton: package-level construction in the singleton package.
var Redis = redis.NewClient(&redis.Options{Addr: envOr("REDIS_ADDR", "localhost:6379")})

// SQL is the database/sql handle for the reporting queries.
var SQL *sql.DB

// holdout: neg
// singleton: init construction in the singleton package.
func init() {
	var err error
	SQL, err = sql.Open("pgx", envOr("DATABASE_URL", "postgres://localhost/app"))
	if err != nil {
		log.Fatalf("db: %v", err)
	}
}

// holdout: neg
// singleton: construction inside a sync.Once body, kept in a package variable.
func Pool(ctx context.Context) (*pgxpool.Pool, error) {
	poolOnce.Do(func() {
		pool, poolErr = pgxpool.New(ctx, envOr("DATABASE_URL", "postgres://localhost/app"))
	})
	return pool, poolErr
}

// holdout: neg
// release: pool.Acquire with a deferred Release.
func Ping(ctx context.Context) error {
	p, err := Pool(ctx)
	if err != nil {
		return err
	}
	conn, err := p.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	return conn.Ping(ctx)
}

// holdout: neg
// release: closing the process clients at shutdown; nothing acquired here.
func Close() {
	if pool != nil {
		pool.Close()
	}
	_ = Redis.Close()
	_ = SQL.Close()
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
