// Package store runs the shop's queries.
package store

import (
	"context"
	"database/sql"
)

// Recent returns the latest orders; the caller must close the rows.
func Recent(ctx context.Context, db *sql.DB) (*sql.Rows, error) {
	return db.QueryContext(ctx, "SELECT id FROM orders ORDER BY id DESC LIMIT 10")
}

// OpenReports opens a second pool for the reporting replica, outside the
// singleton package.
func OpenReports(dsn string) (*sql.DB, error) {
	return sql.Open("pgx", dsn) // want-e2e: singleton
}
