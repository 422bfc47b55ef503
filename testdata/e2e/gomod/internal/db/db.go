// Package db owns the service's database clients: one PostgreSQL pool, one
// database/sql handle (with its sqlx view) and one Redis client for the life
// of the process. Everything else imports them from here.
package db

import (
	"context"
	"database/sql"
	"log"
	"os"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/jmoiron/sqlx"
	"github.com/redis/go-redis/v9"
)

var (
	poolOnce sync.Once
	pool     *pgxpool.Pool
	poolErr  error
)

// Pool returns the process-wide pgx pool, creating it on first use.
func Pool(ctx context.Context) (*pgxpool.Pool, error) {
	poolOnce.Do(func() {
		pool, poolErr = pgxpool.New(ctx, DSN())
	})
	return pool, poolErr
}

// SQL is the process-wide database/sql handle; SQLX is its sqlx view.
var (
	SQL  *sql.DB
	SQLX *sqlx.DB
)

func init() {
	var err error
	SQL, err = sql.Open("pgx", DSN())
	if err != nil {
		log.Fatalf("db: open: %v", err)
	}
	SQL.SetMaxOpenConns(10)
	SQLX = sqlx.NewDb(SQL, "pgx")
}

// Redis is the process-wide Redis client.
var Redis = redis.NewClient(&redis.Options{
	Addr:     envOr("REDIS_ADDR", "127.0.0.1:6379"),
	PoolSize: 20,
})

// DSN is the PostgreSQL connection string of the service.
func DSN() string { return envOr("DATABASE_URL", "postgres://shop@127.0.0.1:5432/shop") }

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// Close releases every client; main calls it on shutdown.
func Close() {
	if pool != nil {
		pool.Close()
	}
	_ = SQL.Close()
	_ = Redis.Close()
}
