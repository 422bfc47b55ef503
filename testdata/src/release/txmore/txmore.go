// Package txmore covers transaction shapes beyond the deferred Rollback.
package txmore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

// The recover idiom: roll back on panic or error, commit otherwise.
func Transact(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		} else if err != nil {
			_ = tx.Rollback()
		} else {
			err = tx.Commit()
		}
	}()
	return fn(tx)
}

// Rolled back on the error paths, never committed on success.
func archive(ctx context.Context, db *sql.DB, id int64) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx \(\*sql.Tx\) from BeginTx is not committed or rolled back on the path through the return at line 43`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO archive SELECT * FROM orders WHERE id = $1", id); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return nil
}

// Commit's own error returned: the transaction is over either way.
func rename(ctx context.Context, db *sql.DB, id int64, name string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE users SET name = $2 WHERE id = $1", id, name); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// A repository bound to the transaction keeps it; the caller's Commit
// through the repository is out of sight, so nothing is reported.
type Repo struct{ q interface{} }

func WithTx(tx *sql.Tx) *Repo { return &Repo{q: tx} } // want WithTx:"params keeps"

func bind(ctx context.Context, db *sql.DB) (*Repo, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return WithTx(tx), nil
}

// pgx: Rollback in a deferred closure.
func moveJob(ctx context.Context, pool *pgxpool.Pool, id int64, queue string) error {
	tx, err := pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.Serializable})
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, "UPDATE jobs SET queue = $2 WHERE id = $1", id, queue); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// pgx.BeginFunc runs the callback in a transaction it ends itself.
func touch(ctx context.Context, pool *pgxpool.Pool, id int64) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE jobs SET touched_at = now() WHERE id = $1", id)
		return err
	})
}

// A transaction begun in a goroutine and never finished.
func auditAsync(ctx context.Context, db *sql.DB, event string) { // want auditAsync:"params - keeps -"
	go func() {
		tx, err := db.BeginTx(ctx, nil) // want `tx \(\*sql.Tx\) from BeginTx is never committed or rolled back`
		if err != nil {
			return
		}
		_, _ = tx.ExecContext(ctx, "INSERT INTO audit (event) VALUES ($1)", event)
	}()
}

// sqlx: a statement prepared on the transaction closes with it.
func bulkTags(db *sqlx.DB, tags []string) error {
	tx, err := db.Beginx()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.Preparex("INSERT INTO tags (name) VALUES ($1)")
	if err != nil {
		return err
	}
	for _, t := range tags {
		if _, err := stmt.Exec(t); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// sqlx: MustBegin is not one of the acquisitions RULES.md lists.
func mustBegin(db *sqlx.DB) {
	tx := db.MustBegin()
	tx.MustExec("DELETE FROM sessions")
}

// pgx savepoint released by a deferred Rollback.
func nested(ctx context.Context, tx pgx.Tx) error {
	sp, err := tx.Begin(ctx)
	if err != nil {
		return err
	}
	defer sp.Rollback(ctx)
	if _, err := sp.Exec(ctx, "INSERT INTO audit DEFAULT VALUES"); err != nil {
		return err
	}
	return sp.Commit(ctx)
}
