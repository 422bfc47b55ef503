package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jmoiron/sqlx"
)

type Account struct {
	ID      int64  `db:"id"`
	Owner   string `db:"owner"`
	Balance int64  `db:"balance"`
}

type AccountStore struct {
	db       *sqlx.DB
	byOwner  *sqlx.NamedStmt
	balances *sqlx.Stmt
}

// holdout: neg
// release: prepared statements stored in the struct the constructor returns.
func NewAccountStore(ctx context.Context, db *sqlx.DB) (*AccountStore, error) {
	byOwner, err := db.PrepareNamedContext(ctx, `SELECT id, owner, balance FROM accounts WHERE owner = :owner`)
	if err != nil {
		return nil, err
	}
	balances, err := db.PreparexContext(ctx, `SELECT id, owner, balance FROM accounts WHERE balance > $1`)
	if err != nil {
		byOwner.Close()
		return nil, err
	}
	return &AccountStore{db: db, byOwner: byOwner, balances: balances}, nil
}

// holdout: neg
// release: sqlx Queryx with defer Close.
func (s *AccountStore) Rich(ctx context.Context, min int64) ([]Account, error) {
	rows, err := s.db.QueryxContext(ctx, `SELECT id, owner, balance FROM accounts WHERE balance >= $1`, min)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Account
	for rows.Next() {
		var a Account
		if err := rows.StructScan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// holdout: pos release
// release 2: sqlx NamedQuery rows never closed (the loop returns early on a match).
func (s *AccountStore) FindOwner(ctx context.Context, owner string) (*Account, error) {
	rows, err := s.db.NamedQuery(`SELECT id, owner, balance FROM accounts WHERE owner = :owner`, map[string]any{"owner": owner})
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var a Account
		if err := rows.StructScan(&a); err != nil {
			return nil, err
		}
		return &a, nil
	}
	return nil, sql.ErrNoRows
}

// holdout: pos release
// release 1: sqlx.Tx, the error branch of the debit returns without Rollback.
func (s *AccountStore) Transfer(ctx context.Context, from, to, cents int64) error {
	tx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance - $1 WHERE id = $2`, cents, from); err != nil {
		return fmt.Errorf("debit: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE accounts SET balance = balance + $1 WHERE id = $2`, cents, to); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("credit: %w", err)
	}
	return tx.Commit()
}

// holdout: neg
// release: sqlx.Tx rolled back on each error path, committed at the end.
func (s *AccountStore) Open(ctx context.Context, owner string) (int64, error) {
	tx, err := s.db.Beginx()
	if err != nil {
		return 0, err
	}
	var id int64
	if err := tx.GetContext(ctx, &id, `INSERT INTO accounts(owner, balance) VALUES ($1, 0) RETURNING id`, owner); err != nil {
		tx.Rollback()
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit(account_id, what) VALUES ($1, 'open')`, id); err != nil {
		tx.Rollback()
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return id, nil
}

// holdout: neg
// release: Select and Get manage their rows themselves.
func (s *AccountStore) All(ctx context.Context) ([]Account, error) {
	var out []Account
	err := s.db.SelectContext(ctx, &out, `SELECT id, owner, balance FROM accounts`)
	return out, err
}

// holdout: pos release
// release 2: a sqlx Preparex statement that is never closed.
func (s *AccountStore) Freeze(ctx context.Context, ids []int64) error {
	stmt, err := s.db.Preparex(`UPDATE accounts SET frozen = true WHERE id = $1`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		stmt.MustExecContext(ctx, id)
	}
	return nil
}

// holdout: neg
// release: closing the stored statements.
func (s *AccountStore) Close() error {
	s.balances.Close()
	return s.byOwner.Close()
}
