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

type Migration struct {
	Name  string
	SQL   string
	NoTx  bool
	Apply func(context.Context, *sql.DB) error
}

// Each iteration commits: the deferred Rollback after Commit is a no-op
// and holds nothing across iterations (reduced from jackc/tern's
// Migrator.MigrateTo). The transaction is begun and committed under the
// same flag: the two branches are one decision.
func applyAll(ctx context.Context, db *sql.DB, ms []Migration) error { // want applyAll:"params - keeps -"
	for _, m := range ms {
		useTx := !m.NoTx
		var tx *sql.Tx
		var err error
		if useTx {
			tx, err = db.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
		}
		if m.Apply != nil {
			err = m.Apply(ctx, db)
		} else {
			_, err = db.ExecContext(ctx, m.SQL)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", m.Name, err)
		}
		if useTx {
			if err := tx.Commit(); err != nil {
				return err
			}
		}
	}
	return nil
}

// The same loop that skips the Commit on one path: that iteration's
// transaction waits for the deferred Rollback at the function's end.
func applyAllSkipping(ctx context.Context, db *sql.DB, ms []Migration) error {
	for _, m := range ms {
		tx, err := db.BeginTx(ctx, nil) // want `tx \(\*sql.Tx\) from BeginTx is committed or rolled back by a defer inside the loop at line 202`
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if m.SQL == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Deferred and closed each iteration: the defer is a belt for the error
// returns only.
func exportTables(ctx context.Context, db *sql.DB, tables []string, emit func(string, []any)) error {
	for _, t := range tables {
		rows, err := db.QueryContext(ctx, "SELECT * FROM "+t)
		if err != nil {
			return err
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			for i := range vals {
				vals[i] = new(any)
			}
			if err := rows.Scan(vals...); err != nil {
				return err
			}
			emit(t, vals)
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// Resources acquired before the loop and closed by defers in it: each is
// held until the end anyway.
func closeAll(ctx context.Context, db *sql.DB, n int) error {
	var conns []*sql.Conn
	for i := 0; i < n; i++ {
		c, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		conns = append(conns, c)
	}
	for _, c := range conns {
		defer c.Close()
	}
	for _, c := range conns {
		if err := c.PingContext(ctx); err != nil {
			return err
		}
	}
	return nil
}

// The loop breaks out after deferring: the defer runs once per call.
func firstAvailable(ctx context.Context, replicas []*sql.DB) (int64, error) {
	var conn *sql.Conn
	for _, r := range replicas {
		c, err := r.Conn(ctx)
		if err != nil {
			continue
		}
		defer c.Close()
		conn = c
		break
	}
	if conn == nil {
		return 0, fmt.Errorf("no replica")
	}
	var id int64
	err := conn.QueryRowContext(ctx, "SELECT txid_current()").Scan(&id)
	return id, err
}

// A flag reassigned between Begin and Commit decides nothing: the Commit
// may be skipped.
func applyMaybe(ctx context.Context, db *sql.DB, stmts []string, dry bool) error {
	useTx := !dry
	var tx *sql.Tx
	var err error
	if useTx {
		tx, err = db.BeginTx(ctx, nil) // want `tx \(\*sql.Tx\) from BeginTx is not committed or rolled back on the path through the return at line 315`
		if err != nil {
			return err
		}
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			useTx = false
		}
	}
	if useTx {
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// Begun and committed under the same parameter.
func applyInTx(ctx context.Context, db *sql.DB, stmts []string, inTx bool) error {
	var tx *sql.Tx
	var err error
	if inTx {
		tx, err = db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
	}
	for _, s := range stmts {
		if inTx {
			_, err = tx.ExecContext(ctx, s)
		} else {
			_, err = db.ExecContext(ctx, s)
		}
		if err != nil {
			if inTx {
				_ = tx.Rollback()
			}
			return err
		}
	}
	if !inTx {
		return nil
	}
	return tx.Commit()
}

// Rows from a method the analysis cannot see into, closed by a defer in
// the loop: one set of rows held per iteration all the same.
type OrderLister interface {
	ListOrders(ctx context.Context, tenant string) (*sql.Rows, error)
}

func countOrders(ctx context.Context, l OrderLister, tenants []string) (int, error) {
	n := 0
	for _, t := range tenants {
		rows, err := l.ListOrders(ctx, t) // want `rows \(\*sql.Rows\) from ListOrders is closed by a defer inside the loop at line 355`
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		for rows.Next() {
			n++
		}
	}
	return n, nil
}
