// Package worker runs the nightly jobs.
package worker

import (
	"context"
	"database/sql"
)

// Archive leaves its transaction open when the insert fails.
func Archive(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil) // want release
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "insert into archive select * from orders"); err != nil {
		return err
	}
	return tx.Commit()
}
