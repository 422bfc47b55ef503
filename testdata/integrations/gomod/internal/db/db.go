// Package db holds the one connection pool of the shop.
package db

import (
	"database/sql"
	"os"
	"sync"
)

var (
	once sync.Once
	pool *sql.DB
	err  error
)

// Get returns the process-wide pool, opened on first use.
func Get() (*sql.DB, error) {
	once.Do(func() {
		pool, err = sql.Open("pgx", os.Getenv("DATABASE_URL"))
	})
	return pool, err
}
