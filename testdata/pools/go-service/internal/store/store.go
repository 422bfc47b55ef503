// Package store is the orders database: one *sql.DB, bounded.
package store

import (
	"database/sql"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// Store holds the pool for the process.
type Store struct {
	db *sql.DB
}

// maxOpen bounds the pool: the capacity plan reads it.
const maxOpen = 25

// Open opens the pool once, at startup.
func Open(dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn) // pools: max=25 source=setter server=postgres
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(maxOpen)
	db.SetMaxIdleConns(5)
	return &Store{db: db}, nil
}

// Close closes the pool.
func (s *Store) Close() error { return s.db.Close() }
