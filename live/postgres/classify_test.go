package postgres

import (
	"errors"
	"fmt"
	"testing"

	"github.com/connlint/connlint/live/engine"
	"github.com/jackc/pgx/v5/pgconn"
)

// The wordings PostgreSQL (15 to 17) and PgBouncer use when slots run out.
// The live tests produce the first two from a real server; the rest come
// from versions and poolers the machine does not run.
func TestClassifyExhaustedWordings(t *testing.T) {
	for _, c := range []struct{ code, msg string }{
		{"53300", "sorry, too many clients already"},
		{"53300", "remaining connection slots are reserved for non-replication superuser connections"},
		{"53300", "remaining connection slots are reserved for roles with the SUPERUSER attribute"},
		{"53300", `remaining connection slots are reserved for roles with privileges of the "pg_use_reserved_connections" role`},
		{"53300", `too many connections for role "app"`},
		{"53300", `too many connections for database "app"`},
		{"08P01", "no more connections allowed (max_client_conn)"},
		{"53300", "pgbouncer cannot connect to server"},
	} {
		err := fmt.Errorf("failed to connect: %w", &pgconn.PgError{Severity: "FATAL", Code: c.code, Message: c.msg})
		got := ClassifyConnect(err, "")
		var ee *engine.Error
		if !errors.As(got, &ee) || ee.Kind != engine.Exhausted {
			t.Errorf("%s %q: kind %v, want exhausted", c.code, c.msg, engine.KindOf(got))
		}
	}
	for _, c := range []struct {
		code, msg string
		want      engine.ErrorKind
	}{
		{"28P01", `password authentication failed for user "app"`, engine.Auth},
		{"3D000", `database "nope" does not exist`, engine.Config},
		{"57P03", "the database system is starting up", engine.Unreachable},
	} {
		got := ClassifyConnect(&pgconn.PgError{Code: c.code, Message: c.msg}, "")
		if engine.KindOf(got) != c.want {
			t.Errorf("%s: kind %v, want %v", c.code, engine.KindOf(got), c.want)
		}
	}
}
