// Package store holds the repositories. They are handed their clients; they
// never build one.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log"
	"time"
)

type User struct {
	ID        int64
	Email     string
	CreatedAt time.Time
}

type UserStore struct {
	db *sql.DB
}

func NewUserStore(db *sql.DB) *UserStore { return &UserStore{db: db} }

// holdout: neg
// release: defer rows.Close() right after the nil-on-error check.
func (s *UserStore) List(ctx context.Context, limit int) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, email, created_at FROM users ORDER BY id LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Email, &u.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// holdout: pos release
// release 1: an early return between the acquisition and the deferred Close.
func (s *UserStore) ByDomain(ctx context.Context, domain string) ([]User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, email, created_at FROM users WHERE email LIKE '%@' || $1`, domain)
	if err != nil {
		return nil, err
	}
	if domain == "" {
		return nil, errors.New("empty domain")
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Email, &u.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// holdout: pos release
// release 1: Close only on the happy path; the scan error returns with rows open.
func (s *UserStore) Emails(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT email FROM users`)
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	rows.Close()
	return out, nil
}

// holdout: neg
// release: a for rows.Next() loop that runs to its end closes the rows.
func (s *UserStore) CountActive(ctx context.Context) (int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT 1 FROM users WHERE active`)
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// holdout: pos release
// release 1: leaving the rows.Next loop with break before Close.
func (s *UserStore) FirstAdmin(ctx context.Context) (string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT email, role FROM users`)
	if err != nil {
		return "", err
	}
	var admin string
	for rows.Next() {
		var email, role string
		_ = rows.Scan(&email, &role)
		if role == "admin" {
			admin = email
			break
		}
	}
	return admin, nil
}

// holdout: neg
// release: QueryRow gives a *sql.Row, not a resource to close.
func (s *UserStore) Get(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.db.QueryRowContext(ctx, `SELECT id, email, created_at FROM users WHERE id = $1`, id).
		Scan(&u.ID, &u.Email, &u.CreatedAt)
	return u, err
}

// holdout: pos release
// release 1: tx without Rollback: the second Exec's error returns with the tx open.
func (s *UserStore) Rename(ctx context.Context, id int64, email string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET email = $1 WHERE id = $2`, email, id); err != nil {
		tx.Rollback()
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO audit(user_id, what) VALUES ($1, 'rename')`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// holdout: neg
// release: deferred Rollback covers every path, Commit at the end.
func (s *UserStore) Delete(ctx context.Context, id int64) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM users WHERE id = $1`, id); err != nil {
		return err
	}
	return tx.Commit()
}

// holdout: neg
// release: Rollback in a deferred closure on a named error, Commit otherwise.
func (s *UserStore) Merge(ctx context.Context, from, into int64) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, `UPDATE orders SET user_id = $1 WHERE user_id = $2`, into, from); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM users WHERE id = $1`, from)
	if err != nil {
		return err
	}
	return tx.Commit()
}

// holdout: neg
// release: ownership transfer by return; the caller closes the rows.
func (s *UserStore) Stream(ctx context.Context, since time.Time) (*sql.Rows, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, email, created_at FROM users WHERE created_at > $1`, since)
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// holdout: pos release
// release 2 via a fact: Stream returns acquired rows and this caller never closes them.
func (s *UserStore) NewestEmail(ctx context.Context) (string, error) {
	rows, err := s.Stream(ctx, time.Now().Add(-24*time.Hour))
	if err != nil {
		return "", err
	}
	if !rows.Next() {
		return "", sql.ErrNoRows
	}
	var u User
	err = rows.Scan(&u.ID, &u.Email, &u.CreatedAt)
	return u.Email, err
}

// holdout: neg
// release: the rows from Stream are closed by a deferred Close.
func (s *UserStore) Export(ctx context.Context, since time.Time, emit func(User)) error {
	rows, err := s.Stream(ctx, since)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Email, &u.CreatedAt); err != nil {
			return err
		}
		emit(u)
	}
	return rows.Err()
}

// holdout: neg
// release: the only path that skips Close ends in log.Fatal.
func (s *UserStore) MustLoadFlags(ctx context.Context) map[string]bool {
	rows, err := s.db.QueryContext(ctx, `SELECT name, enabled FROM flags`)
	if err != nil {
		log.Fatalf("flags: %v", err)
	}
	flags := map[string]bool{}
	for rows.Next() {
		var name string
		var on bool
		if err := rows.Scan(&name, &on); err != nil {
			log.Fatalf("flags: %v", err)
		}
		flags[name] = on
	}
	rows.Close()
	return flags
}

// holdout: pos release
// release 2: a prepared statement that is never closed.
func (s *UserStore) TouchAll(ctx context.Context, ids []int64) error {
	stmt, err := s.db.PrepareContext(ctx, `UPDATE users SET seen_at = now() WHERE id = $1`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := stmt.ExecContext(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

// holdout: neg
// release: a *sql.Conn with a deferred Close.
func (s *UserStore) WithLock(ctx context.Context, key int64, fn func(*sql.Conn) error) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key)
	return fn(conn)
}

// holdout: pos release
// release 1: *sql.Conn closed only when the session setting succeeds.
func (s *UserStore) SetTimezone(ctx context.Context, tz string) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `SET TIME ZONE `+tz); err != nil {
		return fmt.Errorf("set tz: %w", err)
	}
	return conn.Close()
}
