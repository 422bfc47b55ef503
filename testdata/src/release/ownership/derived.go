package ownership

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"
)

// ---- the same value again: a library method returning the same type ----

type store struct{ db *sqlx.DB }

// db.Unsafe() wraps the same pool (reduced from a pop-style Open): the
// assignment overwrites nothing, and the store keeps the pool.
func (s *store) open(dsn string, unsafe bool) error {
	db, err := sqlx.Open("postgres", dsn)
	if err != nil {
		return err
	}
	if unsafe {
		db = db.Unsafe()
	}
	s.db = db
	return nil
}

// The derived value dropped on a failure is the pool itself.
func openChecked(ctx context.Context, dsn string, unsafe bool) (*sqlx.DB, error) {
	db, err := sqlx.Open("postgres", dsn) // want `db \(\*sqlx.DB\) from sqlx.Open is not closed on the path through the return at line 39`
	if err != nil {
		return nil, err
	}
	u := db
	if unsafe {
		u = db.Unsafe()
	}
	if err := u.PingContext(ctx); err != nil {
		return nil, err
	}
	return u, nil
}

// ---- the error check after the value is handed to a local struct ----

type txHolder struct {
	ID int
	Tx *sqlx.Tx
}

// t.Tx = tx before the error check (reduced from pop's newTX): on the
// error path the transaction is nil, so nothing leaks there.
func newTxHolder(ctx context.Context, db *sqlx.DB, opts *sql.TxOptions) (*txHolder, error) {
	t := &txHolder{ID: 1}
	tx, err := db.BeginTxx(ctx, opts)
	t.Tx = tx
	if err != nil {
		return nil, err
	}
	return t, nil
}

// The same with a failure after the check: that path leaks.
func newTxHolderChecked(ctx context.Context, db *sqlx.DB, opts *sql.TxOptions) (*txHolder, error) {
	t := &txHolder{ID: 1}
	tx, err := db.BeginTxx(ctx, opts) // want `tx \(\*sqlx.Tx\) from BeginTxx is not committed or rolled back on the path through the return at line 72`
	t.Tx = tx
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout = '1s'"); err != nil {
		return nil, err
	}
	return t, nil
}
