package sqlx

import (
	"context"
	"database/sql"
)

// NamedStmt is a prepared statement that takes named parameters.
type NamedStmt struct {
	Params      []string
	QueryString string
	Stmt        *Stmt
}

func (n *NamedStmt) Close() error                                   { return n.Stmt.Close() }
func (n *NamedStmt) Exec(arg interface{}) (sql.Result, error)       { return nil, nil }
func (n *NamedStmt) Query(arg interface{}) (*sql.Rows, error)       { return nil, nil }
func (n *NamedStmt) QueryRow(arg interface{}) *Row                  { return &Row{} }
func (n *NamedStmt) MustExec(arg interface{}) sql.Result            { return nil }
func (n *NamedStmt) Queryx(arg interface{}) (*Rows, error)          { return nil, nil }
func (n *NamedStmt) QueryRowx(arg interface{}) *Row                 { return &Row{} }
func (n *NamedStmt) Select(dest interface{}, arg interface{}) error { return nil }
func (n *NamedStmt) Get(dest interface{}, arg interface{}) error    { return nil }
func (n *NamedStmt) Unsafe() *NamedStmt                             { return n }

func (n *NamedStmt) ExecContext(ctx context.Context, arg interface{}) (sql.Result, error) {
	return nil, nil
}

func (n *NamedStmt) QueryContext(ctx context.Context, arg interface{}) (*sql.Rows, error) {
	return nil, nil
}

func (n *NamedStmt) QueryRowContext(ctx context.Context, arg interface{}) *Row { return &Row{} }

func (n *NamedStmt) MustExecContext(ctx context.Context, arg interface{}) sql.Result { return nil }

func (n *NamedStmt) QueryxContext(ctx context.Context, arg interface{}) (*Rows, error) {
	return nil, nil
}

func (n *NamedStmt) QueryRowxContext(ctx context.Context, arg interface{}) *Row { return &Row{} }

func (n *NamedStmt) SelectContext(ctx context.Context, dest interface{}, arg interface{}) error {
	return nil
}

func (n *NamedStmt) GetContext(ctx context.Context, dest interface{}, arg interface{}) error {
	return nil
}

// NamedQuery binds a named query and runs it on e; the caller owns the rows.
func NamedQuery(e Ext, query string, arg interface{}) (*Rows, error) {
	q, args, err := BindNamed(BindType(e.DriverName()), query, arg)
	if err != nil {
		return nil, err
	}
	return e.Queryx(q, args...)
}

// NamedExec binds a named query and execs it on e.
func NamedExec(e Ext, query string, arg interface{}) (sql.Result, error) {
	q, args, err := BindNamed(BindType(e.DriverName()), query, arg)
	if err != nil {
		return nil, err
	}
	return e.Exec(q, args...)
}

// NamedQueryContext is NamedQuery with a context; the caller owns the rows.
func NamedQueryContext(ctx context.Context, e ExtContext, query string, arg interface{}) (*Rows, error) {
	q, args, err := BindNamed(BindType(e.DriverName()), query, arg)
	if err != nil {
		return nil, err
	}
	return e.QueryxContext(ctx, q, args...)
}

// NamedExecContext is NamedExec with a context.
func NamedExecContext(ctx context.Context, e ExtContext, query string, arg interface{}) (sql.Result, error) {
	q, args, err := BindNamed(BindType(e.DriverName()), query, arg)
	if err != nil {
		return nil, err
	}
	return e.ExecContext(ctx, q, args...)
}
