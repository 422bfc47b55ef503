package loops

import (
	"context"
	"database/sql"
	"fmt"
)

func perTenantDefer(ctx context.Context, db *sql.DB, tenants []string) (int, error) {
	total := 0
	for _, t := range tenants {
		rows, err := db.QueryContext(ctx, "SELECT count(*) FROM orders WHERE tenant = $1", t) // want `rows \(\*sql.Rows\) from QueryContext is closed by a defer inside the loop at line 11: every iteration's rows stays held until the function returns`
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		for rows.Next() {
			var n int
			if err := rows.Scan(&n); err != nil {
				return 0, err
			}
			total += n
		}
	}
	return total, nil
}

func perTenantClosed(ctx context.Context, db *sql.DB, tenants []string) (int, error) {
	total := 0
	for _, t := range tenants {
		n, err := countTenant(ctx, db, t)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

func countTenant(ctx context.Context, db *sql.DB, t string) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT count(*) FROM orders WHERE tenant = $1", t)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int
	for rows.Next() {
		if err := rows.Scan(&n); err != nil {
			return 0, err
		}
	}
	return n, rows.Err()
}

// A closure per iteration: its defer runs at the end of each call.
func perTenantClosure(ctx context.Context, db *sql.DB, tenants []string) error {
	for _, t := range tenants {
		err := func() error {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			if _, err := tx.ExecContext(ctx, "DELETE FROM carts WHERE tenant = $1", t); err != nil {
				return err
			}
			return tx.Commit()
		}()
		if err != nil {
			return fmt.Errorf("tenant %s: %w", t, err)
		}
	}
	return nil
}

func continueSkipsClose(ctx context.Context, db *sql.DB, ids []int64) error {
	for _, id := range ids {
		rows, err := db.QueryContext(ctx, "SELECT 1 FROM users WHERE id = $1", id) // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the next iteration of the loop at line 77`
		if err != nil {
			return err
		}
		var active bool
		if rows.Next() {
			if err := rows.Scan(&active); err != nil {
				rows.Close()
				return err
			}
		}
		if !active {
			continue
		}
		rows.Close()
	}
	return nil
}

func closedEachIteration(ctx context.Context, db *sql.DB, ids []int64) error {
	for _, id := range ids {
		rows, err := db.QueryContext(ctx, "SELECT 1 FROM users WHERE id = $1", id)
		if err != nil {
			return err
		}
		exists := rows.Next()
		rows.Close()
		if !exists {
			return fmt.Errorf("user %d missing", id)
		}
	}
	return nil
}

func deferStmtInLoop(ctx context.Context, db *sql.DB, queries []string) error {
	for _, q := range queries {
		stmt, err := db.PrepareContext(ctx, q) // want `stmt \(\*sql.Stmt\) from PrepareContext is closed by a defer inside the loop`
		if err != nil {
			return err
		}
		defer stmt.Close()
		if _, err := stmt.ExecContext(ctx); err != nil {
			return err
		}
	}
	return nil
}

// The first replica that answers: the loop defers once and returns.
func firstReplica(ctx context.Context, replicas []*sql.DB) (int64, error) {
	for _, r := range replicas {
		conn, err := r.Conn(ctx)
		if err != nil {
			continue
		}
		defer conn.Close()
		var id int64
		err = conn.QueryRowContext(ctx, "SELECT txid_current()").Scan(&id)
		return id, err
	}
	return 0, fmt.Errorf("no replica")
}

func gotoOutOfLoop(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT n FROM numbers") // want `rows \(\*sql.Rows\) from Query is not closed on the path through the goto at line`
	if err != nil {
		return 0, err
	}
	sum := 0
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			goto fail
		}
		sum += n
	}
	return sum, rows.Err()
fail:
	return 0, fmt.Errorf("scan failed")
}
