package use

import (
	"context"
	"database/sql"
	"fmt"

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

// An acquirer of an acquirer: the fact crosses two functions and a package.
func activeUsers(ctx context.Context, db *sql.DB) (*sql.Rows, error) { // want activeUsers:"acquires sql.Rows"
	rows, err := lib.OpenUsers(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("active users: %w", err)
	}
	return rows, nil
}

func countActive(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := activeUsers(ctx, db) // want `rows \(\*sql.Rows\) from activeUsers is not closed on the path through the return at line 100`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
		if n > 100 {
			return n, nil
		}
	}
	return n, rows.Err()
}

// A no-return function of another package ends the path.
func mustCount(ctx context.Context, db *sql.DB) int {
	rows, err := db.QueryContext(ctx, "SELECT id FROM users")
	if err != nil {
		lib.Fatalf("query: %v", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			lib.Fatalf("scan: %v", err)
		}
		n++
	}
	return n
}

// Kept by a method of another package.
func pin(ctx context.Context, db *sql.DB, r *lib.Registry) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	r.Hold(conn)
	return nil
}
