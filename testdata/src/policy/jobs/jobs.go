// Package jobs checks that a release finding is never hidden by another
// finding on the same line: a second singleton (rule 3) is a problem of
// its own beside a leak, and a client no rule of singleton reports keeps
// its own release findings.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"

	"policy/shared"
)

// A second pool (rule 3), dropped when the ping fails: both rules.
func NewRunner(ctx context.Context, dsn string) (*Runner, error) {
	pool, err := pgxpool.New(ctx, dsn) // findings: singleton release
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		return nil, err
	}
	return &Runner{pool: pool, shared: shared.Pool}, nil
}

type Runner struct{ pool, shared *pgxpool.Pool }

// A readiness loop (a retry: iterations go on only after a failure) run
// once: not a singleton problem, but its deferred Close waits for the
// function to return, one pool per failed attempt.
func WaitReady(ctx context.Context, dsn string) error {
	for range 30 {
		db, err := sql.Open("pgx", dsn) // findings: release
		if err != nil {
			continue
		}
		defer db.Close()
		if err := db.PingContext(ctx); err == nil {
			return nil
		}
	}
	return errors.New("database not ready")
}

// A builder that never closes its client, called per request: the call
// is singleton's, the missing Close (another line, another problem: a
// builder run once must close too) is release's.
func count(ctx context.Context, dsn string) (int, error) {
	db, err := sql.Open("pgx", dsn) // findings: release
	if err != nil {
		return 0, err
	}
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM jobs").Scan(&n)
	return n, err
}

func Count(w http.ResponseWriter, r *http.Request) {
	_, _ = count(r.Context(), r.URL.Query().Get("dsn")) // findings: singleton
}

// The same with the call's finding suppressed.
func leaky(ctx context.Context, dsn string) error {
	db, err := sql.Open("pgx", dsn) // findings: release
	if err != nil {
		return err
	}
	return db.PingContext(ctx)
}

func Ping(w http.ResponseWriter, r *http.Request) {
	_ = leaky(r.Context(), r.URL.Query().Get("dsn")) //nolint:connlint/singleton
}
