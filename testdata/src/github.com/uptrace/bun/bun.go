// Package bun is a hand-written stub in the shape of
// github.com/uptrace/bun@v1.3.0 for connlint's analysistest, not the
// library.
//
// DB embeds *sql.DB through an unexported *noCopyState, as the real type
// does, so DB.Ping, DB.Stats, ... resolve to database/sql while DB.Close,
// DB.QueryContext, ... are bun's own. Only the common query builders are
// present. Bodies are trivial.
package bun

import (
	"context"
	"database/sql"

	"github.com/uptrace/bun/schema"
)

// DBOption configures NewDB.
type DBOption func(db *DB)

func WithDiscardUnknownColumns() DBOption { return func(db *DB) {} }

type noCopyState struct {
	*sql.DB
	dialect schema.Dialect
	closed  bool
}

// DB is bun's database handle; it owns the *sql.DB it wraps. Close it.
type DB struct {
	*noCopyState
}

// NewDB wraps sqldb with dialect.
func NewDB(sqldb *sql.DB, dialect schema.Dialect, opts ...DBOption) *DB {
	return &DB{noCopyState: &noCopyState{DB: sqldb, dialect: dialect}}
}

func (db *DB) String() string                             { return "DB" }
func (db *DB) Close() error                               { return nil }
func (db *DB) Dialect() schema.Dialect                    { return db.dialect }
func (db *DB) NewSelect() *SelectQuery                    { return &SelectQuery{} }
func (db *DB) NewInsert() *InsertQuery                    { return &InsertQuery{} }
func (db *DB) NewUpdate() *UpdateQuery                    { return &UpdateQuery{} }
func (db *DB) NewDelete() *DeleteQuery                    { return &DeleteQuery{} }
func (db *DB) NewRaw(query string, args ...any) *RawQuery { return &RawQuery{} }
func (db *DB) RegisterModel(models ...any)                {}

func (db *DB) Exec(query string, args ...any) (sql.Result, error) { return nil, nil }

func (db *DB) ExecContext(
	ctx context.Context, query string, args ...any,
) (sql.Result, error) {
	return nil, nil
}

func (db *DB) Query(query string, args ...any) (*sql.Rows, error) { return nil, nil }

func (db *DB) QueryContext(
	ctx context.Context, query string, args ...any,
) (*sql.Rows, error) {
	return nil, nil
}

func (db *DB) QueryRow(query string, args ...any) *sql.Row { return nil }

func (db *DB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return nil
}

func (db *DB) Conn(ctx context.Context) (Conn, error) { return Conn{}, nil }

// Stmt is a prepared statement. Close it.
type Stmt struct {
	*sql.Stmt
}

func (db *DB) Prepare(query string) (Stmt, error) { return Stmt{}, nil }

func (db *DB) PrepareContext(ctx context.Context, query string) (Stmt, error) { return Stmt{}, nil }

func (db *DB) Begin() (Tx, error) { return Tx{}, nil }

func (db *DB) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error) { return Tx{}, nil }

// RunInTx runs fn in a transaction, committing on success and rolling back
// otherwise.
func (db *DB) RunInTx(
	ctx context.Context, opts *sql.TxOptions, fn func(ctx context.Context, tx Tx) error,
) error {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
	}()
	if err := fn(ctx, tx); err != nil {
		return err
	}
	committed = true
	return tx.Commit()
}

// Conn is a single connection from the DB's pool. Close it.
type Conn struct {
	db *DB
	*sql.Conn
}

func (c Conn) NewSelect() *SelectQuery { return &SelectQuery{} }

func (c Conn) ExecContext(
	ctx context.Context, query string, args ...any,
) (sql.Result, error) {
	return nil, nil
}

func (c Conn) QueryContext(
	ctx context.Context, query string, args ...any,
) (*sql.Rows, error) {
	return nil, nil
}

func (c Conn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row { return nil }

func (c Conn) BeginTx(ctx context.Context, opts *sql.TxOptions) (Tx, error) { return Tx{}, nil }

// Tx is a transaction. Commit or Rollback it.
type Tx struct {
	ctx  context.Context
	db   *DB
	name string
	*sql.Tx
}

func (tx Tx) Exec(query string, args ...any) (sql.Result, error) { return nil, nil }

func (tx Tx) ExecContext(
	ctx context.Context, query string, args ...any,
) (sql.Result, error) {
	return nil, nil
}

func (tx Tx) Query(query string, args ...any) (*sql.Rows, error) { return nil, nil }

func (tx Tx) QueryContext(
	ctx context.Context, query string, args ...any,
) (*sql.Rows, error) {
	return nil, nil
}

func (tx Tx) QueryRow(query string, args ...any) *sql.Row { return nil }

func (tx Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row { return nil }

func (tx Tx) Commit() error           { return nil }
func (tx Tx) Rollback() error         { return nil }
func (tx Tx) NewSelect() *SelectQuery { return &SelectQuery{} }
func (tx Tx) NewInsert() *InsertQuery { return &InsertQuery{} }

// SelectQuery builds a SELECT.
type SelectQuery struct {
	model any
}

func (q *SelectQuery) Model(model any) *SelectQuery                 { q.model = model; return q }
func (q *SelectQuery) Column(columns ...string) *SelectQuery        { return q }
func (q *SelectQuery) Where(query string, args ...any) *SelectQuery { return q }
func (q *SelectQuery) Order(orders ...string) *SelectQuery          { return q }
func (q *SelectQuery) Limit(n int64) *SelectQuery                   { return q }
func (q *SelectQuery) Scan(ctx context.Context, dest ...any) error  { return nil }
func (q *SelectQuery) Count(ctx context.Context) (int64, error)     { return 0, nil }

func (q *SelectQuery) Exec(ctx context.Context, dest ...any) (res sql.Result, err error) {
	return nil, nil
}

// InsertQuery builds an INSERT.
type InsertQuery struct {
	model any
}

func (q *InsertQuery) Model(model any) *InsertQuery { q.model = model; return q }

func (q *InsertQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

// UpdateQuery builds an UPDATE.
type UpdateQuery struct{}

func (q *UpdateQuery) Model(model any) *UpdateQuery                              { return q }
func (q *UpdateQuery) Where(query string, args ...any) *UpdateQuery              { return q }
func (q *UpdateQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

// DeleteQuery builds a DELETE.
type DeleteQuery struct{}

func (q *DeleteQuery) Model(model any) *DeleteQuery                              { return q }
func (q *DeleteQuery) Where(query string, args ...any) *DeleteQuery              { return q }
func (q *DeleteQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }

// RawQuery runs raw SQL.
type RawQuery struct{}

func (q *RawQuery) Scan(ctx context.Context, dest ...any) error               { return nil }
func (q *RawQuery) Exec(ctx context.Context, dest ...any) (sql.Result, error) { return nil, nil }
