// Package api checks the one-finding-per-construction policy: a client
// construction that the singleton rule reports is not reported again by
// release for its missing Close. A line's expected findings are listed in a
// `// findings:` comment; every other line must have none.
package api

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

type API struct{ dsn string }

// A pool per request, never closed: one finding, singleton's.
func (a *API) Users(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("pgx", a.dsn) // findings: singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var n int
	_ = db.QueryRowContext(r.Context(), "SELECT count(*) FROM users").Scan(&n)
	fmt.Fprintln(w, n)
}

// A pool per request whose rows leak too: the rows are a problem of their
// own.
func (a *API) Orders(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("pgx", a.dsn) // findings: singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer db.Close()
	rows, err := db.QueryContext(r.Context(), "SELECT id FROM orders") // findings: release
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return
		}
		fmt.Fprintln(w, id)
	}
}

// A wrapper called per request, its client never closed.
func (a *API) Stats(w http.ResponseWriter, r *http.Request) {
	pool, err := OpenPool(r.Context(), a.dsn) // findings: singleton
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, pool.Stat().TotalConns())
}

// OpenPool is a wrapper: its own line is not flagged.
func OpenPool(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	return pgxpool.New(ctx, dsn)
}

// A client per loop iteration, never closed.
func FlushAll(ctx context.Context, addrs []string) error {
	for _, addr := range addrs {
		rdb := redis.NewClient(&redis.Options{Addr: addr}) // findings: singleton
		if err := rdb.Del(ctx, "session:*").Err(); err != nil {
			return err
		}
	}
	return nil
}

// Short-lived outside main, never closed, called by nothing per call:
// rule 2 is short-lived AND per call, so the missing Close is release's.
func Count(ctx context.Context, dsn string) (int, error) {
	db, err := sql.Open("pgx", dsn) // findings: release
	if err != nil {
		return 0, err
	}
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

// Kept on success, dropped on the error path: singleton has nothing to say
// (the client escapes), release reports the path.
func NewStore(ctx context.Context, dsn string) (*Store, error) {
	pool, err := pgxpool.New(ctx, dsn) // findings: release
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		return nil, err
	}
	return &Store{pool: pool}, nil
}

type Store struct{ pool *pgxpool.Pool }

// When the per-request construction is accepted (its singleton finding
// suppressed), its missing Close is a problem of its own again.
func (a *API) Tenant(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("pgx", r.URL.Query().Get("dsn")) //nolint:connlint/singleton // findings: release
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	_ = db.PingContext(r.Context())
}
