package live

import (
	"errors"
	"fmt"
	"net/url"
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
	dsn    string   // holds the password: never print
	secret []string // every reading of the password, scrubbed from messages
	label  string   // prefix in multi-target perfdata (see perfLabel)
	Engine engine.Engine
}

// Display is the DSN with its password masked.
func (t *Target) Display() string { return engine.RedactDSN(t.dsn) }

// scrub masks the target's password in a message, however a driver
// quoted it.
func (t *Target) scrub(msg string) string { return engine.Scrub(msg, t.secret...) }

// splitName reads "[NAME=]URL": a NAME is what comes before an '=' that
// precedes the scheme's "://".
func splitName(arg string) (name, dsn string) {
	dsn = strings.TrimSpace(arg)
	if i := strings.Index(dsn, "://"); i > 0 {
		if j := strings.Index(dsn[:i], "="); j > 0 {
			return dsn[:j], dsn[j+1:]
		}
	}
	return "", dsn
}

// ParseTarget reads "[NAME=]URL" and builds its engine (no connection yet).
// The engine gets the DSN with its userinfo made unambiguous
// (engine.NormalizeURL), so a password with an unescaped '@' means the same
// to every driver and every piece of it is masked in output.
func ParseTarget(arg string, timeout time.Duration) (*Target, error) {
	name, dsn := splitName(arg)
	i := strings.Index(dsn, "://")
	if i <= 0 {
		return nil, fmt.Errorf("--dsn %q: want a URL such as postgres://user@host:5432/db (schemes: postgres, postgresql, mysql, pgbouncer, redis, rediss)", engine.RedactDSN(dsn))
	}
	t := &Target{Name: name, Scheme: strings.ToLower(dsn[:i]), dsn: dsn, secret: engine.Secrets(dsn)}
	if t.Name == "" {
		t.Name = t.Display()
	}
	norm := engine.NormalizeURL(dsn)
	var err error
	switch t.Scheme {
	case "postgres", "postgresql":
		t.Engine, err = postgres.New(norm, timeout)
	case "pgbouncer":
		t.Engine, err = pgbouncer.New(norm, timeout)
	case "mysql", "mariadb":
		t.Engine, err = mysql.New(norm, timeout)
	case "redis", "rediss", "unix":
		t.Engine, err = redis.New(norm, timeout)
	default:
		return nil, fmt.Errorf("--dsn %s: unknown scheme %q (postgres, postgresql, mysql, pgbouncer, redis, rediss)", t.Display(), t.Scheme)
	}
	if err != nil {
		return nil, fmt.Errorf("--dsn %s: %s", t.Display(), t.scrub(err.Error()))
	}
	return t, nil
}

// fail is the result of a failed poll, its message scrubbed once more.
func (t *Target) fail(kind string, err error) *Result {
	var ee *engine.Error
	if errors.As(err, &ee) {
		c := *ee
		c.Msg = t.scrub(c.Msg)
		err = &c
	} else if err != nil {
		err = &engine.Error{Kind: engine.KindOf(err), Msg: t.scrub(err.Error()), Err: err}
	}
	r := ErrorResult(t.Name, kind, err)
	r.label = t.label
	return r
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

// defaultPorts complete a perfdata label when the DSN names no port.
var defaultPorts = map[string]string{"postgres": "5432", "postgresql": "5432", "pgbouncer": "6432",
	"mysql": "3306", "mariadb": "3306", "redis": "6379", "rediss": "6379"}

// perfLabel is the target's prefix in multi-target Nagios perfdata: the
// name given as NAME=URL, else host_port_db from the DSN ("local" for a
// unix socket), with every character but letters, digits, '.', '-' and
// '_' turned into '_'. Stable across runs: it depends on the DSN only.
func (t *Target) perfLabel(named bool) string {
	if named {
		return sanitizeLabel(t.Name)
	}
	u, err := url.Parse(engine.NormalizeURL(t.dsn))
	if err != nil || !strings.Contains(t.dsn, "://") {
		return sanitizeLabel(t.Name)
	}
	q := u.Query()
	host, port := u.Hostname(), u.Port()
	if h := q.Get("host"); h != "" && host == "" {
		host = h
	}
	if strings.HasPrefix(host, "/") || q.Get("socket") != "" || t.Scheme == "unix" || host == "" && t.Scheme != "mysql" {
		host = "local"
	} else if host == "" {
		host = "127.0.0.1"
	}
	if host != "local" && port == "" {
		if port = q.Get("port"); port == "" {
			port = defaultPorts[t.Scheme]
		}
	}
	db := strings.Trim(u.Path, "/")
	switch {
	case t.Scheme == "pgbouncer" && db == "":
		db = "pgbouncer"
	case strings.HasPrefix(t.Scheme, "redis") && db == "":
		db = "0"
	}
	var parts []string
	for _, p := range []string{host, port, db} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return sanitizeLabel(strings.Join(parts, "_"))
}

func sanitizeLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '.' || r == '-' || r == '_' {
			return r
		}
		return '_'
	}, s)
}
