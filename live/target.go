package live

import (
	"fmt"
	"strings"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/connlint/connlint/live/mysql"
	"github.com/connlint/connlint/live/pgbouncer"
	"github.com/connlint/connlint/live/postgres"
	"github.com/connlint/connlint/live/redis"
)

// Target is one --dsn.
type Target struct {
	// Name identifies the target in output and in /probe?target=: the
	// name given as NAME=URL, else the redacted DSN.
	Name   string
	Scheme string
	dsn    string // holds the password: never print
	Engine engine.Engine
}

// Display is the DSN with its password masked.
func (t *Target) Display() string { return engine.Redact(t.dsn) }

// ParseTarget reads "[NAME=]URL" and builds its engine (no connection yet).
func ParseTarget(arg string, timeout time.Duration) (*Target, error) {
	name, dsn := "", strings.TrimSpace(arg)
	if i := strings.Index(dsn, "://"); i > 0 {
		if j := strings.Index(dsn[:i], "="); j > 0 {
			name, dsn = dsn[:j], dsn[j+1:]
		}
	}
	i := strings.Index(dsn, "://")
	if i <= 0 {
		return nil, fmt.Errorf("--dsn %q: want a URL such as postgres://user@host:5432/db (schemes: postgres, postgresql, mysql, pgbouncer, redis, rediss)", engine.Redact(dsn))
	}
	t := &Target{Name: name, Scheme: strings.ToLower(dsn[:i]), dsn: dsn}
	if t.Name == "" {
		t.Name = t.Display()
	}
	var err error
	switch t.Scheme {
	case "postgres", "postgresql":
		t.Engine, err = postgres.New(dsn, timeout)
	case "pgbouncer":
		t.Engine, err = pgbouncer.New(dsn, timeout)
	case "mysql", "mariadb":
		t.Engine, err = mysql.New(dsn, timeout)
	case "redis", "rediss", "unix":
		t.Engine, err = redis.New(dsn, timeout)
	default:
		return nil, fmt.Errorf("--dsn %s: unknown scheme %q (postgres, postgresql, mysql, pgbouncer, redis, rediss)", t.Display(), t.Scheme)
	}
	if err != nil {
		return nil, fmt.Errorf("--dsn %s: %s", t.Display(), engine.Scrub(err.Error(), engine.Password(dsn)))
	}
	return t, nil
}

// kindOf names the engine a scheme selects, for results of targets whose
// engine could not be built.
func kindOf(scheme string) string {
	switch scheme {
	case "postgres", "postgresql":
		return "postgres"
	case "mysql", "mariadb":
		return "mysql"
	case "rediss", "unix":
		return "redis"
	}
	return scheme
}
