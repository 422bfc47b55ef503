package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// ParseConfig parses a postgres:// (or key/value) DSN for pgx, setting
// application_name to connlint and the connect timeout when the DSN has
// none. Errors are redacted.
func ParseConfig(dsn string, timeout time.Duration) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, &engine.Error{Kind: engine.Config, Msg: "bad DSN: " + engine.Scrub(err.Error(), engine.Password(dsn))}
	}
	cfg.RuntimeParams["application_name"] = engine.SelfName
	if cfg.ConnectTimeout == 0 || (timeout > 0 && timeout < cfg.ConnectTimeout) {
		cfg.ConnectTimeout = timeout
	}
	// connlint only ever talks to the host it was given: no fallbacks to
	// other hosts of a multi-host DSN would keep "one connection per target"
	// honest, but libpq semantics (try each) are what users expect, so keep
	// them.
	return cfg, nil
}

// Connect opens one connection and classifies a failure.
func Connect(ctx context.Context, cfg *pgx.ConnConfig, secret string) (*pgx.Conn, error) {
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, ClassifyConnect(err, secret)
	}
	return c, nil
}

// exhaustedPhrases are the wordings PostgreSQL and PgBouncer use when no
// connection slot is left (SQLSTATE 53300 and PgBouncer's plain errors).
var exhaustedPhrases = []string{
	"sorry, too many clients already",
	"remaining connection slots are reserved",
	"too many connections for role",
	"too many connections for database",
	"no more connections allowed",
	"too many connections",
}

// ClassifyConnect turns a connect error into an *engine.Error: exhausted
// slots are Exhausted (CRITICAL), authentication failures Auth, the rest
// Unreachable. The message is redacted.
func ClassifyConnect(err error, secret string) error {
	msg := engine.Scrub(joinUniqueLines(err.Error()), secret)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		server := engine.Scrub(pe.Message, secret)
		switch {
		case pe.Code == "53300" || containsAny(pe.Message, exhaustedPhrases):
			return &engine.Error{Kind: engine.Exhausted, Msg: fmt.Sprintf("connection refused, no slot left: %s (SQLSTATE %s)", server, pe.Code), Err: err}
		case pe.Code == "28P01" || pe.Code == "28000":
			return &engine.Error{Kind: engine.Auth, Msg: fmt.Sprintf("authentication failed: %s (SQLSTATE %s)", server, pe.Code), Err: err}
		case pe.Code == "3D000":
			return &engine.Error{Kind: engine.Config, Msg: fmt.Sprintf("%s (SQLSTATE %s)", server, pe.Code), Err: err}
		case pe.Code == "08P01" && strings.Contains(pe.Message, "not allowed"):
			// PgBouncer admin console: user not in admin_users/stats_users.
			return &engine.Error{Kind: engine.Privilege, Grant: "admin_users or stats_users", Msg: fmt.Sprintf("%s: add the user to admin_users or stats_users in pgbouncer.ini", server), Err: err}
		}
		return &engine.Error{Kind: engine.Unreachable, Msg: fmt.Sprintf("%s (SQLSTATE %s)", server, pe.Code), Err: err}
	}
	if containsAny(msg, exhaustedPhrases) {
		return &engine.Error{Kind: engine.Exhausted, Msg: "connection refused, no slot left: " + msg, Err: err}
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) || (errors.As(err, &ne) && ne.Timeout()) {
		return &engine.Error{Kind: engine.Unreachable, Msg: "connect timed out: " + msg, Err: err}
	}
	return &engine.Error{Kind: engine.Unreachable, Msg: msg, Err: err}
}

// joinUniqueLines puts pgx's multi-line connect error (one line per
// address tried, often the same twice) on one line, each reason once:
// Nagios and log lines are single lines.
func joinUniqueLines(msg string) string {
	var parts []string
	seen := map[string]bool{}
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || seen[line] {
			continue
		}
		seen[line] = true
		parts = append(parts, line)
	}
	return strings.Join(parts, " ")
}

// ClassifyQuery classifies an error from a query on an open connection.
func ClassifyQuery(err error, secret string) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return &engine.Error{Kind: engine.Privilege, Msg: engine.Scrub(pe.Message, secret) + " (SQLSTATE 42501)", Err: err}
	}
	return &engine.Error{Kind: engine.Unreachable, Msg: engine.Scrub(err.Error(), secret), Err: err}
}

// Broken reports whether err means the connection is gone and a reconnect
// may help (server restarted, backend terminated, network dropped).
func Broken(c *pgx.Conn, err error) bool {
	if c == nil || c.IsClosed() {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		// admin_shutdown, crash_shutdown, cannot_connect_now, and class 08.
		return pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03" || strings.HasPrefix(pe.Code, "08")
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, net.ErrClosed)
}

func containsAny(s string, subs []string) bool {
	ls := strings.ToLower(s)
	for _, sub := range subs {
		if strings.Contains(ls, sub) {
			return true
		}
	}
	return false
}
