// Package db is the configured singleton path.
package db

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Open builds the pool: this is the one place allowed to.
func Open(ctx context.Context, dsn string) (*pgxpool.Pool, error) { // want Open:"wraps pgxpool"
	return pgxpool.New(ctx, dsn)
}

// Scratch builds a throwaway pool inside the singleton path: rule 2 does not
// apply there.
func Scratch(ctx context.Context, dsn string) error {
	p, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	p.Close()
	return nil
}
