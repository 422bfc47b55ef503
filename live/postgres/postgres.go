// Package postgres is connlint live's PostgreSQL engine: capacity from
// max_connections minus the reserved slots, client backends from
// pg_stat_activity (connlint's own excluded), per-role and per-database
// connection limits, and terminate with pg_terminate_backend.
package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/jackc/pgx/v5"
)

// Engine polls one PostgreSQL server over one connection.
type Engine struct {
	*Session
}

// New parses dsn; it does not connect.
func New(dsn string, timeout time.Duration) (*Engine, error) {
	cfg, err := ParseConfig(dsn, timeout)
	if err != nil {
		return nil, err
	}
	return &Engine{NewSession(cfg, engine.Password(dsn))}, nil
}

// Kind implements engine.Engine.
func (e *Engine) Kind() string { return "postgres" }

// The poll is one pipelined batch: one round trip, one implicit
// transaction, so the three statements see the same statistics snapshot
// and the next poll (a new transaction) sees a fresh one. Ages are
// measured from now(), the transaction's start: a session whose state
// changed after it (connlint's own, for one) would come out negative, so
// they are held at 0.
const (
	settingsSQL = `SELECT current_setting('server_version'),
       current_setting('server_version_num')::int,
       current_setting('max_connections')::int,
       current_setting('superuser_reserved_connections')::int,
       CASE WHEN current_setting('server_version_num')::int >= 160000
            THEN coalesce(current_setting('reserved_connections', true), '0')::int ELSE 0 END,
       pg_backend_pid(),
       current_user::text,
       coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false),
       pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')`

	activitySQL = `SELECT a.pid,
       coalesce(a.usename::text, ''),
       coalesce(a.application_name, ''),
       coalesce(a.datname::text, ''),
       coalesce(host(a.client_addr), CASE WHEN a.client_port = -1 THEN 'local' ELSE '' END),
       coalesce(a.state, ''),
       greatest(coalesce(extract(epoch FROM now() - a.state_change), 0), 0)::float8,
       greatest(coalesce(extract(epoch FROM now() - a.xact_start), 0), 0)::float8,
       a.pid = pg_backend_pid(),
       a.backend_type IS NULL
FROM pg_stat_activity a
WHERE a.backend_type = 'client backend'
   OR a.backend_type IS NULL AND a.datid IS NOT NULL AND a.usesysid IS NOT NULL`

	limitsSQL = `SELECT 'role', rolname::text, rolconnlimit FROM pg_roles WHERE rolconnlimit >= 0 AND rolcanlogin
UNION ALL
SELECT 'database', datname::text, datconnlimit FROM pg_database WHERE datconnlimit >= 0 AND datallowconn`
)

// Snapshot implements engine.Engine.
func (e *Engine) Snapshot(ctx context.Context) (*engine.Snapshot, error) {
	start := time.Now()
	snap := engine.NewSnapshot("postgres")
	err := e.Do(ctx, func(c *pgx.Conn) error {
		snap = engine.NewSnapshot("postgres") // a retry starts over
		b := &pgx.Batch{}
		b.Queue(settingsSQL)
		b.Queue(activitySQL)
		b.Queue(limitsSQL)
		br := c.SendBatch(ctx, b)
		defer br.Close()

		var (
			versionNum, maxConn, suRes, res int
			selfPID                         int32
			who                             string
			super, readAll                  bool
		)
		if err := br.QueryRow().Scan(&snap.ServerVersion, &versionNum, &maxConn, &suRes, &res, &selfPID, &who, &super, &readAll); err != nil {
			return err
		}
		snap.MaxConnections = maxConn
		snap.Reserved = suRes + res
		snap.Capacity = maxConn - suRes - res
		snap.Extra["superuser_reserved_connections"] = float64(suRes)
		snap.Extra["reserved_connections"] = float64(res)
		snap.Extra["server_version_num"] = float64(versionNum)
		if !super && !readAll {
			// Degraded: every backend's row is there, with its database,
			// user and application_name, but other roles' state, client,
			// ages and backend_type read as NULL. A hidden row with a
			// database and a user is counted as a client backend (it may
			// be a parallel worker or a logical walsender: an upper
			// bound); what cannot be seen is reported as such.
			snap.MissingGrant = "pg_monitor"
			snap.HiddenNote = fmt.Sprintf("role %s lacks pg_read_all_stats: GRANT pg_monitor TO %s (or pg_read_all_stats)", who, quoteIdent(who))
		}

		rows, err := br.Query()
		if err != nil {
			return err
		}
		userAll := map[string]int{}
		dbAll := map[string]int{}
		for rows.Next() {
			var s engine.Session
			var self bool
			var hidden bool
			if err := rows.Scan(&s.PID, &s.User, &s.Application, &s.Database, &s.Client, &s.State, &s.Seconds, &s.XactSeconds, &self, &hidden); err != nil {
				rows.Close()
				return err
			}
			if hidden {
				s.State, s.Client, s.Hidden = engine.StateUnknown, engine.StateUnknown, true
				snap.Hidden++
			}
			userAll[s.User]++
			dbAll[s.Database]++
			if self {
				self := s
				snap.Self = &self
				continue
			}
			snap.Add(s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		snap.Used = len(snap.Sessions)

		lrows, err := br.Query()
		if err != nil {
			return err
		}
		for lrows.Next() {
			var l engine.Limit
			if err := lrows.Scan(&l.Kind, &l.Name, &l.Limit); err != nil {
				lrows.Close()
				return err
			}
			// The server counts connlint's own session against its role's
			// and database's limits, so these counts include it.
			if l.Kind == "role" {
				l.Actual = userAll[l.Name]
			} else {
				l.Actual = dbAll[l.Name]
			}
			snap.Limits = append(snap.Limits, l)
		}
		lrows.Close()
		return lrows.Err()
	})
	if err != nil {
		return nil, err
	}
	snap.Took = time.Since(start)
	return snap, nil
}

// terminateSQL selects the candidates and, with $1, terminates those the
// role may signal, in one statement. PostgreSQL lets a role signal a
// backend of a role it has the privileges of, or any non-superuser backend
// with pg_signal_backend; a superuser's backend only a superuser. A
// backend it may not signal is listed with the reason instead of failing
// the whole statement.
const terminateSQL = `WITH me AS (
  SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) AS super,
         pg_has_role(current_user, 'pg_signal_backend', 'USAGE') AS signal
), c AS (
  SELECT a.*, coalesce(r.rolsuper, true) AS target_super,
         me.super OR (NOT coalesce(r.rolsuper, true) AND (me.signal OR pg_has_role(current_user, a.usesysid, 'USAGE'))) AS may
  FROM pg_stat_activity a
  LEFT JOIN pg_roles r ON r.oid = a.usesysid
  CROSS JOIN me
  WHERE a.backend_type = 'client backend'
    AND a.pid <> pg_backend_pid()
    AND a.state = ANY($2::text[])
    AND a.state_change <= now() - make_interval(secs => $3::float8)
    AND ($4::bool OR NOT coalesce(r.rolsuper, true))
    AND (cardinality($5::text[]) = 0 OR a.datname = ANY($5::text[]))
    AND (cardinality($6::text[]) = 0 OR a.usename = ANY($6::text[]))
    AND (cardinality($7::text[]) = 0 OR a.application_name = ANY($7::text[]))
)
SELECT pid,
       coalesce(usename::text, ''),
       coalesce(application_name, ''),
       coalesce(datname::text, ''),
       coalesce(host(client_addr), CASE WHEN client_port = -1 THEN 'local' ELSE '' END),
       coalesce(state, ''),
       greatest(coalesce(extract(epoch FROM now() - state_change), 0), 0)::float8,
       target_super,
       CASE WHEN $1::bool AND may THEN pg_terminate_backend(pid) ELSE false END,
       CASE WHEN NOT $1::bool OR may THEN ''
            WHEN target_super THEN 'a superuser''s session: only a superuser can end it'
            ELSE 'role ' || current_user || ' may not signal it: GRANT pg_signal_backend TO ' || quote_ident(current_user) END,
       CASE WHEN NOT $1::bool OR may THEN '' WHEN target_super THEN 'superuser' ELSE 'pg_signal_backend' END
FROM c`

// IdleStates are the states terminate considers by default.
var IdleStates = []string{engine.StateIdle, engine.StateIdleInTxn, engine.StateIdleInTxnAborted}

// Terminate implements engine.Terminator. The candidates are selected and
// terminated by one statement, so nothing can change between the look and
// the act: a session that turned active in between no longer matches.
func (e *Engine) Terminate(ctx context.Context, f engine.TerminateFilter, execute bool) ([]engine.Terminated, error) {
	if f.IdleOlder <= 0 {
		return nil, engine.Errorf(engine.Config, "terminate needs --idle-older (a duration > 0)")
	}
	states := f.States
	if len(states) == 0 {
		states = IdleStates
	}
	var out []engine.Terminated
	err := e.Do(ctx, func(c *pgx.Conn) error {
		out = nil
		var who string
		var super, readAll bool
		if err := c.QueryRow(ctx, `SELECT current_user::text,
			coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false),
			pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')`).Scan(&who, &super, &readAll); err != nil {
			return err
		}
		if !super && !readAll {
			return &engine.Error{Kind: engine.Privilege, Grant: "pg_monitor",
				Msg: fmt.Sprintf("role %q cannot see other sessions' state: GRANT pg_monitor TO %q (and pg_signal_backend to terminate)", who, who)}
		}
		rows, err := c.Query(ctx, terminateSQL, execute, states, f.IdleOlder.Seconds(), f.IncludeSuperuser,
			nonNil(f.Databases), nonNil(f.Users), nonNil(f.Applications))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var t engine.Terminated
			if err := rows.Scan(&t.PID, &t.User, &t.Application, &t.Database, &t.Client, &t.State, &t.Seconds, &t.Superuser, &t.Done, &t.Reason, &t.MissingGrant); err != nil {
				return err
			}
			if execute && !t.Done && t.Reason == "" {
				t.Reason = "gone before it could be terminated"
			}
			out = append(out, t)
		}
		return rows.Err()
	})
	if err != nil {
		if ee, ok := err.(*engine.Error); ok && ee.Kind == engine.Privilege && ee.Grant == "" {
			ee.Grant = "pg_signal_backend"
			ee.Msg += ": GRANT pg_signal_backend to the role (superuser sessions can only be ended by a superuser)"
		}
		return out, err
	}
	return out, engine.Refused(out)
}

// quoteIdent quotes a role name as SQL does when it must.
func quoteIdent(s string) string {
	for _, r := range s {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '_') {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
