package fix

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func lastLogin(ctx context.Context, db *sql.DB, id int64) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT at FROM logins WHERE user_id = $1 ORDER BY at DESC", id) // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the return at line 19`
	if err != nil {
		return "", err
	}
	var at string
	for rows.Next() {
		if err := rows.Scan(&at); err != nil {
			return "", err
		}
	}
	return at, rows.Err()
}

func warmup(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx) // want `conn \(\*pgxpool.Conn\) from Acquire is never released`
	if err != nil {
		return err
	}
	return conn.Ping(ctx)
}

// No fix where a Close exists on another path: adding a defer would close twice.
func partial(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT 1") // want `is not closed on the path through the return`
	if err != nil {
		return err
	}
	if !rows.Next() {
		return nil
	}
	var one int
	if err := rows.Scan(&one); err != nil {
		return err
	}
	return rows.Close()
}

func jobStates(ctx context.Context, pool *pgxpool.Pool) (map[int64]string, error) {
	rows, err := pool.Query(ctx, "SELECT id, state FROM jobs") // want `rows \(pgx.Rows\) from Query is not closed on the path through the return at line 59`
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var s string
		if err := rows.Scan(&id, &s); err != nil {
			return nil, err
		}
		out[id] = s
	}
	return out, rows.Err()
}

func insertTags(ctx context.Context, db *sql.DB, tags []string) error {
	stmt, err := db.PrepareContext(ctx, "INSERT INTO tags (name) VALUES ($1)") // want `stmt \(\*sql.Stmt\) from PrepareContext is never closed`
	if err != nil {
		return err
	}
	for _, t := range tags {
		if _, err := stmt.ExecContext(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// No fix for a transaction: Commit or Rollback is the caller's decision.
func bump(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.Begin(ctx) // want `tx \(pgx.Tx\) from Begin is not committed or rolled back`
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "UPDATE counters SET n = n + 1"); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// No fix without an error check right after the acquisition to put the
// defer behind.
func tagsChecked(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM tags") // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the return at line 102`
	n := 0
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		n++
		if n > 10 {
			return n, nil
		}
	}
	return n, nil
}
