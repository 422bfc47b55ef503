// Package db opens the service's pools, bounded.
package db

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// Events opens the events pool: pool_max_conns in its DSN bounds it.
func Events(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	return pgxpool.New(ctx, dsn+"&pool_max_conns=4") // pools: max=4 source=url server=postgres
}

// Orders opens the orders pool.
func Orders(dsn string) (*sql.DB, error) {
	db, err := sql.Open("pgx", dsn) // pools: max=3 source=setter server=postgres
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(3)
	return db, nil
}
