package use

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"release/helpers/lib"
)

func idsViaHelper(ctx context.Context, db *sql.DB) ([]int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return nil, err
	}
	return lib.ScanIDs(rows)
}

func deferCloseQuietly(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		return 0, err
	}
	defer lib.CloseQuietly(rows)
	return lib.CountRows(rows), nil
}

func countOnly(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users WHERE active") // want `rows \(\*sql.Rows\) from QueryContext is never closed`
	if err != nil {
		return 0, err
	}
	return lib.CountRows(rows), nil
}

func finishTx(ctx context.Context, pool *pgxpool.Pool) (err error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "UPDATE counters SET n = n + 1")
	return lib.Finish(ctx, tx, err)
}

func kept(ctx context.Context, db *sql.DB, b *lib.Batch) error {
	stmt, err := db.PrepareContext(ctx, "INSERT INTO log (line) VALUES ($1)")
	if err != nil {
		return err
	}
	b.Add(stmt)
	return nil
}

func acquiredInLib(ctx context.Context, db *sql.DB) (bool, error) {
	rows, err := lib.OpenUsers(ctx, db) // want `rows \(\*sql.Rows\) from lib.OpenUsers is never closed`
	if err != nil {
		return false, err
	}
	return rows.Next(), nil
}

func acquiredInLibClosed(ctx context.Context, db *sql.DB) ([]int64, error) {
	rows, err := lib.OpenUsers(ctx, db)
	if err != nil {
		return nil, err
	}
	return lib.ScanIDs(rows)
}

func pgxTxLeak(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.Begin(ctx) // want `tx \(pgx.Tx\) from Begin is never committed or rolled back`
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, "SELECT 1")
	return err
}
