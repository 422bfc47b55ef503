// Package jobs is outside the configured singleton paths.
package jobs

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	"singleton/configured/internal/db"
)

type Worker struct{ pool *pgxpool.Pool }

func NewWorker(ctx context.Context, dsn string) (*Worker, error) { // want NewWorker:`wraps pgxpool \(struct\)`
	pool, err := pgxpool.New(ctx, dsn) // want `pgxpool.New builds a \*pgxpool.Pool outside the configured singleton paths \(internal/db/\*\*\): use the singleton's client`
	if err != nil {
		return nil, err
	}
	return &Worker{pool: pool}, nil
}

// Through the singleton package: fine.
func NewWorkerShared(ctx context.Context, dsn string) (*Worker, error) { // want NewWorkerShared:`wraps pgxpool \(struct\)`
	pool, err := db.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return &Worker{pool: pool}, nil
}
