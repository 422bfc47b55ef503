// Package sqlx is a hand-written stub in the shape of
// github.com/jmoiron/sqlx@v1.4.0 for connlint's analysistest, not the
// library.
//
// DB, Tx, Conn, Stmt and Rows embed their database/sql counterparts exactly as
// the real types do, so promoted methods (Close, Query, Begin, Ping, ...)
// resolve to database/sql. Bodies are trivial, except where connlint's facts
// read them: Select/SelectContext close their rows, NamedQuery hands its rows
// to the caller, and the DB/Tx helpers delegate to those as the real ones do.
package sqlx

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx/reflectx"
)

// Bind types.
const (
	UNKNOWN = iota
	QUESTION
	DOLLAR
	NAMED
	AT
)

func BindType(driverName string) int                                      { return UNKNOWN }
func BindDriver(driverName string, bindType int)                          {}
func Rebind(bindType int, query string) string                            { return query }
func In(query string, args ...interface{}) (string, []interface{}, error) { return query, args, nil }

func BindNamed(bindType int, query string, arg interface{}) (string, []interface{}, error) {
	return query, nil, nil
}

func Named(query string, arg interface{}) (string, []interface{}, error) { return query, nil, nil }

// ColScanner is used by MapScan and SliceScan.
type ColScanner interface {
	Columns() ([]string, error)
	Scan(dest ...interface{}) error
	Err() error
}

// Queryer is used by Get and Select.
type Queryer interface {
	Query(query string, args ...interface{}) (*sql.Rows, error)
	Queryx(query string, args ...interface{}) (*Rows, error)
	QueryRowx(query string, args ...interface{}) *Row
}

// Execer is used by MustExec and LoadFile.
type Execer interface {
	Exec(query string, args ...interface{}) (sql.Result, error)
}

type binder interface {
	DriverName() string
	Rebind(string) string
	BindNamed(string, interface{}) (string, []interface{}, error)
}

// Ext can bind, query and exec (DB and Tx).
type Ext interface {
	binder
	Queryer
	Execer
}

// Preparer is used by Preparex.
type Preparer interface {
	Prepare(query string) (*sql.Stmt, error)
}

// QueryerContext is used by GetContext and SelectContext.
type QueryerContext interface {
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
	QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error)
	QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row
}

// PreparerContext is used by PreparexContext.
type PreparerContext interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// ExecerContext is used by MustExecContext and LoadFileContext.
type ExecerContext interface {
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
}

// ExtContext can bind, query and exec with a context.
type ExtContext interface {
	binder
	QueryerContext
	ExecerContext
}

// Row is sqlx's sql.Row; Scan closes the underlying rows.
type Row struct {
	err    error
	unsafe bool
	rows   *sql.Rows
	Mapper *reflectx.Mapper
}

func (r *Row) Scan(dest ...interface{}) error {
	if r.err != nil {
		return r.err
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		return sql.ErrNoRows
	}
	return r.rows.Scan(dest...)
}

func (r *Row) Columns() ([]string, error)                { return nil, r.err }
func (r *Row) ColumnTypes() ([]*sql.ColumnType, error)   { return nil, r.err }
func (r *Row) Err() error                                { return r.err }
func (r *Row) SliceScan() ([]interface{}, error)         { return nil, r.err }
func (r *Row) MapScan(dest map[string]interface{}) error { return r.err }
func (r *Row) StructScan(dest interface{}) error         { return r.Scan(dest) }

// DB wraps *sql.DB.
type DB struct {
	*sql.DB
	driverName string
	unsafe     bool
	Mapper     *reflectx.Mapper
}

// NewDb wraps an existing *sql.DB.
func NewDb(db *sql.DB, driverName string) *DB { return &DB{DB: db, driverName: driverName} }

// Open is sql.Open returning a *DB.
func Open(driverName, dataSourceName string) (*DB, error) { return nil, nil }

// MustOpen is Open that panics on error.
func MustOpen(driverName, dataSourceName string) *DB { return nil }

// Connect opens a database and pings it.
func Connect(driverName, dataSourceName string) (*DB, error) { return nil, nil }

// MustConnect is Connect that panics on error.
func MustConnect(driverName, dataSourceName string) *DB { return nil }

// ConnectContext opens a database and pings it with ctx.
func ConnectContext(ctx context.Context, driverName, dataSourceName string) (*DB, error) {
	return nil, nil
}

func (db *DB) DriverName() string                { return db.driverName }
func (db *DB) MapperFunc(mf func(string) string) {}
func (db *DB) Rebind(query string) string        { return query }
func (db *DB) Unsafe() *DB                       { return db }

func (db *DB) BindNamed(query string, arg interface{}) (string, []interface{}, error) {
	return BindNamed(BindType(db.driverName), query, arg)
}

func (db *DB) NamedQuery(query string, arg interface{}) (*Rows, error) {
	return NamedQuery(db, query, arg)
}

func (db *DB) NamedExec(query string, arg interface{}) (sql.Result, error) {
	return NamedExec(db, query, arg)
}

func (db *DB) Select(dest interface{}, query string, args ...interface{}) error {
	return Select(db, dest, query, args...)
}

func (db *DB) Get(dest interface{}, query string, args ...interface{}) error {
	return Get(db, dest, query, args...)
}

func (db *DB) MustBegin() *Tx                                          { return nil }
func (db *DB) Beginx() (*Tx, error)                                    { return nil, nil }
func (db *DB) Queryx(query string, args ...interface{}) (*Rows, error) { return nil, nil }
func (db *DB) QueryRowx(query string, args ...interface{}) *Row        { return &Row{} }
func (db *DB) MustExec(query string, args ...interface{}) sql.Result   { return nil }
func (db *DB) Preparex(query string) (*Stmt, error)                    { return nil, nil }
func (db *DB) PrepareNamed(query string) (*NamedStmt, error)           { return nil, nil }

func (db *DB) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	return nil, nil
}

func (db *DB) NamedQueryContext(ctx context.Context, query string, arg interface{}) (*Rows, error) {
	return NamedQueryContext(ctx, db, query, arg)
}

func (db *DB) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return NamedExecContext(ctx, db, query, arg)
}

func (db *DB) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return SelectContext(ctx, db, dest, query, args...)
}

func (db *DB) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return GetContext(ctx, db, dest, query, args...)
}

func (db *DB) PreparexContext(ctx context.Context, query string) (*Stmt, error) { return nil, nil }

func (db *DB) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return nil, nil
}

func (db *DB) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return &Row{}
}

func (db *DB) MustBeginTx(ctx context.Context, opts *sql.TxOptions) *Tx { return nil }

func (db *DB) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	return nil
}

func (db *DB) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { return nil, nil }

func (db *DB) Connx(ctx context.Context) (*Conn, error) { return nil, nil }

// Conn wraps *sql.Conn.
type Conn struct {
	*sql.Conn
	driverName string
	unsafe     bool
	Mapper     *reflectx.Mapper
}

func (c *Conn) BeginTxx(ctx context.Context, opts *sql.TxOptions) (*Tx, error) { return nil, nil }

func (c *Conn) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return SelectContext(ctx, c, dest, query, args...)
}

func (c *Conn) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return GetContext(ctx, c, dest, query, args...)
}

func (c *Conn) PreparexContext(ctx context.Context, query string) (*Stmt, error) { return nil, nil }

func (c *Conn) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return nil, nil
}

func (c *Conn) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return &Row{}
}

func (c *Conn) Rebind(query string) string { return query }

// Tx wraps *sql.Tx.
type Tx struct {
	*sql.Tx
	driverName string
	unsafe     bool
	Mapper     *reflectx.Mapper
}

func (tx *Tx) DriverName() string         { return tx.driverName }
func (tx *Tx) Rebind(query string) string { return query }
func (tx *Tx) Unsafe() *Tx                { return tx }

func (tx *Tx) BindNamed(query string, arg interface{}) (string, []interface{}, error) {
	return BindNamed(BindType(tx.driverName), query, arg)
}

func (tx *Tx) NamedQuery(query string, arg interface{}) (*Rows, error) {
	return NamedQuery(tx, query, arg)
}

func (tx *Tx) NamedExec(query string, arg interface{}) (sql.Result, error) {
	return NamedExec(tx, query, arg)
}

func (tx *Tx) Select(dest interface{}, query string, args ...interface{}) error {
	return Select(tx, dest, query, args...)
}

func (tx *Tx) Queryx(query string, args ...interface{}) (*Rows, error) { return nil, nil }
func (tx *Tx) QueryRowx(query string, args ...interface{}) *Row        { return &Row{} }

func (tx *Tx) Get(dest interface{}, query string, args ...interface{}) error {
	return Get(tx, dest, query, args...)
}

func (tx *Tx) MustExec(query string, args ...interface{}) sql.Result { return nil }
func (tx *Tx) Preparex(query string) (*Stmt, error)                  { return nil, nil }
func (tx *Tx) Stmtx(stmt interface{}) *Stmt                          { return nil }
func (tx *Tx) NamedStmt(stmt *NamedStmt) *NamedStmt                  { return nil }
func (tx *Tx) PrepareNamed(query string) (*NamedStmt, error)         { return nil, nil }

func (tx *Tx) StmtxContext(ctx context.Context, stmt interface{}) *Stmt { return nil }

func (tx *Tx) NamedStmtContext(ctx context.Context, stmt *NamedStmt) *NamedStmt { return nil }

func (tx *Tx) PreparexContext(ctx context.Context, query string) (*Stmt, error) { return nil, nil }

func (tx *Tx) PrepareNamedContext(ctx context.Context, query string) (*NamedStmt, error) {
	return nil, nil
}

func (tx *Tx) MustExecContext(ctx context.Context, query string, args ...interface{}) sql.Result {
	return nil
}

func (tx *Tx) QueryxContext(ctx context.Context, query string, args ...interface{}) (*Rows, error) {
	return nil, nil
}

func (tx *Tx) SelectContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return SelectContext(ctx, tx, dest, query, args...)
}

func (tx *Tx) GetContext(ctx context.Context, dest interface{}, query string, args ...interface{}) error {
	return GetContext(ctx, tx, dest, query, args...)
}

func (tx *Tx) QueryRowxContext(ctx context.Context, query string, args ...interface{}) *Row {
	return &Row{}
}

func (tx *Tx) NamedExecContext(ctx context.Context, query string, arg interface{}) (sql.Result, error) {
	return NamedExecContext(ctx, tx, query, arg)
}

// Stmt wraps *sql.Stmt.
type Stmt struct {
	*sql.Stmt
	unsafe bool
	Mapper *reflectx.Mapper
}

func (s *Stmt) Unsafe() *Stmt                                      { return s }
func (s *Stmt) Select(dest interface{}, args ...interface{}) error { return nil }
func (s *Stmt) Get(dest interface{}, args ...interface{}) error    { return nil }
func (s *Stmt) MustExec(args ...interface{}) sql.Result            { return nil }
func (s *Stmt) QueryRowx(args ...interface{}) *Row                 { return &Row{} }
func (s *Stmt) Queryx(args ...interface{}) (*Rows, error)          { return nil, nil }

func (s *Stmt) SelectContext(ctx context.Context, dest interface{}, args ...interface{}) error {
	return nil
}

func (s *Stmt) GetContext(ctx context.Context, dest interface{}, args ...interface{}) error {
	return nil
}

func (s *Stmt) MustExecContext(ctx context.Context, args ...interface{}) sql.Result { return nil }

func (s *Stmt) QueryRowxContext(ctx context.Context, args ...interface{}) *Row { return &Row{} }

func (s *Stmt) QueryxContext(ctx context.Context, args ...interface{}) (*Rows, error) {
	return nil, nil
}

// Rows wraps *sql.Rows.
type Rows struct {
	*sql.Rows
	unsafe bool
	Mapper *reflectx.Mapper

	started bool
	fields  [][]int
	values  []interface{}
}

func (r *Rows) SliceScan() ([]interface{}, error)         { return nil, nil }
func (r *Rows) MapScan(dest map[string]interface{}) error { return nil }
func (r *Rows) StructScan(dest interface{}) error         { return nil }

// Preparex prepares a statement on p.
func Preparex(p Preparer, query string) (*Stmt, error) {
	s, err := p.Prepare(query)
	if err != nil {
		return nil, err
	}
	return &Stmt{Stmt: s}, nil
}

// PreparexContext prepares a statement on p with ctx.
func PreparexContext(ctx context.Context, p PreparerContext, query string) (*Stmt, error) {
	s, err := p.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return &Stmt{Stmt: s}, nil
}

// Select runs query and scans every row into dest. It closes the rows.
func Select(q Queryer, dest interface{}, query string, args ...interface{}) error {
	rows, err := q.Queryx(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return scanAll(rows, dest)
}

// SelectContext is Select with a context. It closes the rows.
func SelectContext(ctx context.Context, q QueryerContext, dest interface{}, query string, args ...interface{}) error {
	rows, err := q.QueryxContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return scanAll(rows, dest)
}

func scanAll(rows *Rows, dest interface{}) error {
	for rows.Next() {
		if err := rows.StructScan(dest); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Get runs query and scans its one row into dest.
func Get(q Queryer, dest interface{}, query string, args ...interface{}) error {
	return q.QueryRowx(query, args...).Scan(dest)
}

// GetContext is Get with a context.
func GetContext(ctx context.Context, q QueryerContext, dest interface{}, query string, args ...interface{}) error {
	return q.QueryRowxContext(ctx, query, args...).Scan(dest)
}

func LoadFile(e Execer, path string) (*sql.Result, error) { return nil, nil }

func LoadFileContext(ctx context.Context, e ExecerContext, path string) (*sql.Result, error) {
	return nil, nil
}

func MustExec(e Execer, query string, args ...interface{}) sql.Result { return nil }

func MustExecContext(ctx context.Context, e ExecerContext, query string, args ...interface{}) sql.Result {
	return nil
}

func SliceScan(r ColScanner) ([]interface{}, error)           { return nil, nil }
func MapScan(r ColScanner, dest map[string]interface{}) error { return nil }

type rowsi interface {
	Close() error
	Columns() ([]string, error)
	Err() error
	Next() bool
	Scan(...interface{}) error
}

func StructScan(rows rowsi, dest interface{}) error { return nil }
