package fix

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
)

func lastLogin(ctx context.Context, db *sql.DB, id int64) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT at FROM logins WHERE user_id = $1 ORDER BY at DESC", id) // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the return at line 18`
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
