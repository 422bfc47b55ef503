// Package store holds the repositories of the shop service.
package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// User is a customer account.
type User struct {
	ID    int64  `db:"id"`
	Email string `db:"email"`
}

// ErrNotFound is returned when no row matches.
var ErrNotFound = errors.New("store: not found")

// Users is the repository of customer accounts over the shared pgx pool.
type Users struct {
	pool *pgxpool.Pool
}

// NewUsers returns a Users repository using pool.
func NewUsers(pool *pgxpool.Pool) *Users { return &Users{pool: pool} }

// ListActive returns every active user; CollectRows closes the rows.
func (u *Users) ListActive(ctx context.Context) ([]User, error) {
	rows, err := u.pool.Query(ctx, `SELECT id, email FROM users WHERE active`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowToStructByName[User])
}

// ByID returns one user; CollectOneRow closes the rows.
func (u *Users) ByID(ctx context.Context, id int64) (User, error) {
	rows, err := u.pool.Query(ctx, `SELECT id, email FROM users WHERE id = $1`, id)
	if err != nil {
		return User{}, err
	}
	user, err := pgx.CollectOneRow(rows, pgx.RowToStructByName[User])
	if errors.Is(err, pgx.ErrNoRows) {
		return User{}, ErrNotFound
	}
	return user, err
}

// ByEmailDomain scans by hand and returns from inside the loop on a scan
// error, leaving the rows open.
func (u *Users) ByEmailDomain(ctx context.Context, domain string) ([]User, error) {
	rows, err := u.pool.Query(ctx, `SELECT id, email FROM users WHERE email LIKE '%@' || $1`, domain) // want-e2e: release
	if err != nil {
		return nil, err
	}
	var out []User
	for rows.Next() {
		var x User
		if err := rows.Scan(&x.ID, &x.Email); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// CountBySignupDay runs its rows loop to the end, which closes the rows.
func (u *Users) CountBySignupDay(ctx context.Context) (map[string]int, error) {
	rows, err := u.pool.Query(ctx, `SELECT created_at::date::text, count(*) FROM users GROUP BY 1`)
	if err != nil {
		return nil, err
	}
	counts := make(map[string]int)
	for rows.Next() {
		var day string
		var n int
		if rows.Scan(&day, &n) == nil {
			counts[day] = n
		}
	}
	return counts, rows.Err()
}

// Since checks the result's columns before deferring Close: the error
// return in between leaves the rows open.
func (u *Users) Since(ctx context.Context, t time.Time) ([]User, error) {
	rows, err := u.pool.Query(ctx, `SELECT id, email FROM users WHERE created_at >= $1`, t) // want-e2e: release
	if err != nil {
		return nil, err
	}
	if n := len(rows.FieldDescriptions()); n != 2 {
		return nil, fmt.Errorf("store: users: want 2 columns, got %d", n)
	}
	defer rows.Close()
	return pgx.CollectRows(rows, pgx.RowToStructByName[User])
}

// Stream hands the rows to the caller, who must close them.
func (u *Users) Stream(ctx context.Context, since time.Time) (pgx.Rows, error) {
	return u.pool.Query(ctx, `SELECT id, email FROM users WHERE created_at >= $1 ORDER BY id`, since)
}
