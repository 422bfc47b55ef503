// Package rows covers database/sql rows, statements and connections in the
// shapes repositories write them.
package rows

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log"

	"github.com/jmoiron/sqlx"
)

type User struct {
	ID    int64
	Email string
}

var ErrNotFound = errors.New("not found")

// One row read by hand: when Next says false the rows closed themselves,
// but the found path returns with them open.
func userByEmail(ctx context.Context, db *sql.DB, email string) (User, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, email FROM users WHERE email = $1", email) // want `rows \(\*sql.Rows\) from QueryContext is never closed: it leaks on the path through the return at line 35`
	if err != nil {
		return User{}, err
	}
	if !rows.Next() {
		return User{}, ErrNotFound
	}
	var u User
	err = rows.Scan(&u.ID, &u.Email)
	return u, err
}

func userByEmailClosed(ctx context.Context, db *sql.DB, email string) (User, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, email FROM users WHERE email = $1", email)
	if err != nil {
		return User{}, err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return User{}, err
		}
		return User{}, ErrNotFound
	}
	var u User
	err = rows.Scan(&u.ID, &u.Email)
	return u, err
}

// A second query overwrites the first rows before they are closed.
func twoQueries(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT 1 FROM users LIMIT 1") // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the assignment at line 65, which overwrites it`
	if err != nil {
		return 0, err
	}
	n := 0
	if rows.Next() {
		n++
	}
	rows, err = db.QueryContext(ctx, "SELECT 1 FROM orders LIMIT 1")
	if err != nil {
		return n, err
	}
	defer rows.Close()
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func twoQueriesClosed(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT 1 FROM users LIMIT 1")
	if err != nil {
		return 0, err
	}
	n := 0
	if rows.Next() {
		n++
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, "SELECT 1 FROM orders LIMIT 1")
	if err != nil {
		return n, err
	}
	defer rows.Close()
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// Acquired in an if statement's init: the rows live in the if.
func firstAdmin(ctx context.Context, db *sql.DB) (int64, bool) {
	if rows, err := db.QueryContext(ctx, "SELECT id, admin FROM users"); err == nil { // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the return at line 107`
		for rows.Next() {
			var id int64
			var admin bool
			if rows.Scan(&id, &admin) != nil {
				continue
			}
			if admin {
				return id, true
			}
		}
	}
	return 0, false
}

// Close folded into the returned error.
func countTags(ctx context.Context, db *sql.DB) (n int, err error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM tags")
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		n++
		if n > 1000 {
			return n, errors.Join(errors.New("too many tags"), rows.Close())
		}
	}
	return n, rows.Err()
}

// A labelled break out of both loops leaves the rows open.
func findPair(ctx context.Context, db *sql.DB, targets []int64) (int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM orders") // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the break at line 145`
	if err != nil {
		return 0, err
	}
	var found int64
scan:
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return 0, errors.Join(err, rows.Close())
		}
		for _, t := range targets {
			if t == id {
				found = id
				break scan
			}
		}
	}
	return found, nil
}

// Same-package helpers: one closes, one only reads.
func closeQuietly(c io.Closer) { // want closeQuietly:"params releases"
	if err := c.Close(); err != nil {
		log.Printf("close: %v", err)
	}
}

func scanEmails(rows *sql.Rows) ([]string, error) { // want scanEmails:"params releases"
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func firstEmail(rows *sql.Rows) (string, bool) {
	var e string
	if rows.Next() && rows.Scan(&e) == nil {
		return e, true
	}
	return "", false
}

func emails(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT email FROM users")
	if err != nil {
		return nil, err
	}
	return scanEmails(rows)
}

func emailsDeferredHelper(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT email FROM users")
	if err != nil {
		return "", err
	}
	defer closeQuietly(rows)
	e, _ := firstEmail(rows)
	return e, nil
}

func emailOnly(ctx context.Context, db *sql.DB) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT email FROM users") // want `rows \(\*sql.Rows\) from QueryContext is never closed`
	if err != nil {
		return "", err
	}
	e, ok := firstEmail(rows)
	if !ok {
		return "", ErrNotFound
	}
	return e, nil
}

// QueryRow takes no resource the caller must release.
func userCount(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

// sqlx.StructScan reads the rows and closes nothing (its errors leave them open).
func usersSqlx(ctx context.Context, db *sqlx.DB) ([]User, error) {
	rows, err := db.QueryxContext(ctx, "SELECT id, email FROM users") // want `rows \(\*sqlx.Rows\) from QueryxContext is never closed: it leaks on the path through the return at line 225`
	if err != nil {
		return nil, err
	}
	var out []User
	err = sqlx.StructScan(rows, &out)
	return out, err
}

// A connection pinned for a session setting, closed on every path.
func withSearchPath(ctx context.Context, db *sql.DB, schema string, fn func(*sql.Conn) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("SET search_path TO %q", schema)); err != nil {
		return err
	}
	return fn(conn)
}

// A prepared statement closed only at the end.
func insertAll(ctx context.Context, db *sql.DB, emails []string) error {
	stmt, err := db.PrepareContext(ctx, "INSERT INTO users (email) VALUES ($1)") // want `stmt \(\*sql.Stmt\) from PrepareContext is not closed on the path through the return at line 249`
	if err != nil {
		return err
	}
	for _, e := range emails {
		if _, err := stmt.ExecContext(ctx, e); err != nil {
			return fmt.Errorf("insert %s: %w", e, err)
		}
	}
	return stmt.Close()
}

// A statement used through a transaction: the transaction's copy closes
// with it, the statement itself is closed by defer.
func insertAllInTx(ctx context.Context, db *sql.DB, emails []string) error {
	stmt, err := db.PrepareContext(ctx, "INSERT INTO users (email) VALUES ($1)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	txStmt := tx.StmtContext(ctx, stmt)
	for _, e := range emails {
		if _, err := txStmt.ExecContext(ctx, e); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// The error sorted before the nil check: where err is sql.ErrNoRows or
// errors.Is says so, the rows are nil.
func lastOrder(ctx context.Context, db *sql.DB, user int64) (int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM orders WHERE user_id = $1 ORDER BY id DESC", user)
	if errors.Is(err, context.Canceled) {
		return 0, nil
	}
	if err == sql.ErrNoRows {
		return 0, ErrNotFound
	}
	switch err {
	case context.DeadlineExceeded:
		return 0, fmt.Errorf("timed out: %w", err)
	case nil:
	default:
		return 0, err
	}
	defer rows.Close()
	var id int64
	if rows.Next() {
		err = rows.Scan(&id)
	}
	return id, err
}

// A predicate on another error says nothing of the rows.
func lastOrderLeak(ctx context.Context, db *sql.DB, user int64, prev error) (int64, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM orders WHERE user_id = $1", user) // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the return at line 309`
	if err != nil {
		return 0, err
	}
	if errors.Is(prev, context.Canceled) {
		return 0, prev
	}
	defer rows.Close()
	return 0, nil
}

func translate(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("database timeout: %w", err)
	}
	return err
}

// err wrapped before its check keeps its nil-ness.
func recentEmails(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT email FROM users ORDER BY created_at DESC LIMIT 10")
	err = translate(err)
	if err != nil {
		return nil, err
	}
	return scanEmails(rows)
}
