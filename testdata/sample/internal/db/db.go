// Package db holds the one connection pool of the process.
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

// Pool returns the process's pool, opened on first use; handlers call
// db.Pool() instead of sql.Open.
func Pool() (*sql.DB, error) {
	once.Do(func() {
		pool, err = sql.Open("pgx", os.Getenv("DATABASE_URL"))
	})
	return pool, err
}
