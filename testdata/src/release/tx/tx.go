package tx

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
)

type Order struct {
	ID     int64
	UserID int64
	Total  int64
}

// The idiom: a deferred Rollback covers every path; after Commit it is a no-op.
func createOrder(ctx context.Context, db *sql.DB, o Order) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "INSERT INTO orders (user_id, total) VALUES ($1, $2)", o.UserID, o.Total); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE users SET orders = orders + 1 WHERE id = $1", o.UserID); err != nil {
		return err
	}
	return tx.Commit()
}

func transferFunds(ctx context.Context, db *sql.DB, from, to, amount int64) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx \(\*sql.Tx\) from BeginTx is not committed or rolled back on the path through the return at line 41`
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $1 WHERE id = $2", amount, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + $1 WHERE id = $2", amount, to); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func explicitRollbacks(db *sql.DB, id int64) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM sessions WHERE user_id = $1", id); err != nil {
		_ = tx.Rollback()
		return err
	}
	if _, err := tx.Exec("DELETE FROM users WHERE id = $1", id); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return nil
}

var errEmpty = errors.New("empty order")

func forgottenOnValidation(ctx context.Context, db *sql.DB, o Order) error {
	tx, err := db.BeginTx(ctx, nil) // want `tx \(\*sql.Tx\) from BeginTx is not committed or rolled back on the path through the return at line 77`
	if err != nil {
		return err
	}
	if o.Total == 0 {
		return errEmpty
	}
	if _, err := tx.Exec("INSERT INTO orders (total) VALUES ($1)", o.Total); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func deferredClosureDecides(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
			return
		}
		err = tx.Commit()
	}()
	_, err = tx.ExecContext(ctx, "UPDATE counters SET n = n + 1")
	return err
}

func sqlxBeginx(db *sqlx.DB, name string) error {
	tx, err := db.Beginx() // want `tx \(\*sqlx.Tx\) from Beginx is never committed or rolled back: it leaks on the path through the return at line 108`
	if err != nil {
		return err
	}
	_, err = tx.Exec("INSERT INTO tags (name) VALUES ($1)", name)
	return err
}

func sqlxBeginTxx(ctx context.Context, db *sqlx.DB, names []string) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, "INSERT INTO tags (name) VALUES ($1)", n); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func pgxTxDeferredRollback(ctx context.Context, pool *pgxpool.Pool, id int64) error {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "UPDATE jobs SET state = 'done' WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func pgxTxLeakOnError(ctx context.Context, conn *pgx.Conn, id int64) error {
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{}) // want `tx \(pgx.Tx\) from BeginTx is not committed or rolled back on the path through the return at line 143`
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM jobs WHERE id = $1", id); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// A statement prepared on a transaction is closed with it.
func preparedOnTx(ctx context.Context, db *sql.DB, ids []int64) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, "DELETE FROM users WHERE id = $1")
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// The caller gets the transaction: ownership leaves the function.
func beginForCaller(ctx context.Context, db *sql.DB) (*sql.Tx, error) { // want beginForCaller:"acquires sql.Tx"
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL statement_timeout = 5000"); err != nil {
		tx.Rollback()
		return nil, err
	}
	return tx, nil
}

// A callback runs in the transaction; passing tx to a function value hands it on.
func withTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
