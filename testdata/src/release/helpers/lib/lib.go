// Package lib holds helpers that other packages hand resources to.
package lib

import (
	"context"
	"database/sql"
	"io"
	"log"

	"github.com/jackc/pgx/v5"
)

// CloseQuietly releases anything with a Close method.
func CloseQuietly(c io.Closer) { // want CloseQuietly:"params releases"
	if err := c.Close(); err != nil {
		log.Printf("close: %v", err)
	}
}

// ScanIDs reads the ids and closes the rows.
func ScanIDs(rows *sql.Rows) ([]int64, error) { // want ScanIDs:"params releases"
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// CountRows reads the rows but leaves closing to the caller.
func CountRows(rows *sql.Rows) int {
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

// Finish commits or rolls back.
func Finish(ctx context.Context, tx pgx.Tx, err error) error { // want Finish:"params - releases -"
	if err != nil {
		_ = tx.Rollback(ctx)
		return err
	}
	return tx.Commit(ctx)
}

// Batch keeps the statements it is given and closes them in Close.
type Batch struct {
	stmts []*sql.Stmt
}

// Add keeps stmt.
func (b *Batch) Add(stmt *sql.Stmt) { // want Add:"params keeps"
	b.stmts = append(b.stmts, stmt)
}

// OpenUsers returns open rows: the caller must close them.
func OpenUsers(ctx context.Context, db *sql.DB) (*sql.Rows, error) { // want OpenUsers:"acquires sql.Rows"
	return db.QueryContext(ctx, "SELECT id FROM users")
}

// Reader is a value type with the resource inside: not a helper parameter.
type Reader struct{ R io.Reader }

// Fatalf logs and exits: it never returns, in this package or another.
func Fatalf(format string, args ...any) { // want Fatalf:"noReturn"
	log.Printf(format, args...)
	exit(1)
}

func exit(code int) { // want exit:"noReturn"
	log.Fatalf("exit %d", code)
}

// Registry keeps connections for the life of the process.
type Registry struct{ conns []*sql.Conn }

// Hold keeps conn.
func (r *Registry) Hold(conn *sql.Conn) { // want Hold:"params keeps"
	r.conns = append(r.conns, conn)
}
