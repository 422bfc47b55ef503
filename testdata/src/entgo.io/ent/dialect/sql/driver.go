// Package sql is a hand-written stub in the shape of
// entgo.io/ent/dialect/sql@v0.14.5 for connlint's analysistest, not the
// library.
package sql

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"entgo.io/ent/dialect"
)

// TxOptions are the options of BeginTx.
type TxOptions = sql.TxOptions

// ExecQuerier is the subset of *sql.DB and *sql.Tx that Conn needs.
type ExecQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Conn implements dialect.ExecQuerier over an ExecQuerier.
type Conn struct {
	ExecQuerier
	dialect string
}

func (c Conn) Exec(ctx context.Context, query string, args, v any) error  { return nil }
func (c Conn) Query(ctx context.Context, query string, args, v any) error { return nil }

// Driver is ent's SQL driver; it owns the *sql.DB it wraps.
type Driver struct {
	Conn
	dialect string
}

// NewDriver returns a Driver over c.
func NewDriver(dialect string, c Conn) *Driver { return &Driver{dialect: dialect, Conn: c} }

// Open opens a database and wraps it in a Driver.
func Open(dialect, source string) (*Driver, error) {
	db, err := sql.Open(dialect, source)
	if err != nil {
		return nil, err
	}
	return OpenDB(dialect, db), nil
}

// OpenDB wraps an open *sql.DB in a Driver.
func OpenDB(dialect string, db *sql.DB) *Driver { return NewDriver(dialect, Conn{db, dialect}) }

func (d Driver) DB() *sql.DB     { return d.ExecQuerier.(*sql.DB) }
func (d Driver) Dialect() string { return d.dialect }

func (d *Driver) Tx(ctx context.Context) (dialect.Tx, error) { return d.BeginTx(ctx, nil) }

func (d *Driver) BeginTx(ctx context.Context, opts *TxOptions) (dialect.Tx, error) {
	tx, err := d.DB().BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &Tx{Conn: Conn{tx, d.dialect}, Tx: tx}, nil
}

func (d *Driver) Close() error { return d.DB().Close() }

// Tx implements dialect.Tx.
type Tx struct {
	Conn
	driver.Tx
}

var (
	_ dialect.Driver = (*Driver)(nil)
	_ dialect.Tx     = (*Tx)(nil)
)
