// Package db is the application's singleton: one pool for the process. // want package:"singletons pgxpool singleton/app/db.Pool"
package db

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Pool is the process's pool, set by Init.
var Pool *pgxpool.Pool

// Init builds the pool once, at startup.
func Init(ctx context.Context, dsn string) error {
	p, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	Pool = p
	return nil
}
