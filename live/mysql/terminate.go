package mysql

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/connlint/connlint/live/engine"
	my "github.com/go-sql-driver/mysql"
)

// candidateSQL selects idle client threads; the filters are applied in Go
// on the same rows the snapshot reads.
const candidateSQL = `SELECT p.ID, COALESCE(p.USER, ''), COALESCE(p.HOST, ''), COALESCE(p.DB, ''),
       COALESCE(p.TIME, 0), t.trx_started IS NOT NULL
FROM information_schema.PROCESSLIST p
LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
WHERE p.COMMAND = 'Sleep' AND p.ID <> CONNECTION_ID() AND p.TIME >= ?
  AND COALESCE(p.USER, '') NOT IN ('system user', 'event_scheduler', 'unauthenticated user')`

// recheckSQL confirms, right before KILL, that the thread is still the same
// idle session (MySQL has no single select-and-kill statement; thread ids
// are never reused, so the window is the one between these two statements).
const recheckSQL = `SELECT COUNT(*) FROM information_schema.PROCESSLIST
WHERE ID = ? AND COMMAND = 'Sleep' AND TIME >= ? AND USER = ?`

// Terminate implements engine.Terminator with KILL CONNECTION, applying
// the same rules as on PostgreSQL: idle client threads only, never its own,
// never a SUPER user's unless asked.
func (e *Engine) Terminate(ctx context.Context, f engine.TerminateFilter, execute bool) ([]engine.Terminated, error) {
	if f.IdleOlder <= 0 {
		return nil, engine.Errorf(engine.Config, "terminate needs --idle-older (a duration > 0)")
	}
	states := map[string]bool{}
	for _, s := range f.States {
		switch s {
		case engine.StateIdle, engine.StateIdleInTxn:
			states[s] = true
		case "sleep", "Sleep":
			states[engine.StateIdle] = true
			states[engine.StateIdleInTxn] = true
		default:
			return nil, engine.Errorf(engine.Config, "--state %q: MySQL sessions are %q or %q", s, engine.StateIdle, engine.StateIdleInTxn)
		}
	}
	if len(states) == 0 {
		states[engine.StateIdle], states[engine.StateIdleInTxn] = true, true
	}
	secs := int64(f.IdleOlder.Seconds())
	if secs < 1 {
		secs = 1
	}
	var out []engine.Terminated
	err := e.withConn(ctx, func(c *sql.Conn) error {
		out = nil
		var who string
		var hasProcess int
		if err := c.QueryRowContext(ctx, privSQL).Scan(&who, &hasProcess); err != nil {
			if err := c.QueryRowContext(ctx, privSQLMySQL).Scan(&who, &hasProcess); err != nil {
				return err
			}
		}
		if hasProcess == 0 {
			return &engine.Error{Kind: engine.Privilege, Grant: "PROCESS",
				Msg: fmt.Sprintf("%s cannot see other users' threads: GRANT PROCESS ON *.* TO the user (and CONNECTION ADMIN or SUPER to kill them)", who)}
		}
		supers := map[string]bool{}
		if !f.IncludeSuperuser {
			rows, err := c.QueryContext(ctx, `SELECT DISTINCT User FROM mysql.user WHERE Super_priv = 'Y'`)
			if err != nil {
				return &engine.Error{Kind: engine.Privilege, Grant: "SELECT ON mysql.user",
					Msg: "cannot tell which users hold SUPER (" + engine.Scrub(err.Error(), e.secret) + "): GRANT SELECT ON mysql.user, or pass --include-superuser"}
			}
			for rows.Next() {
				var u string
				if rows.Scan(&u) == nil {
					supers[u] = true
				}
			}
			rows.Close()
		}
		rows, err := c.QueryContext(ctx, candidateSQL, secs)
		if err != nil {
			return err
		}
		var cands []engine.Terminated
		for rows.Next() {
			var t engine.Terminated
			var host string
			var timeSec int64
			var inTrx bool
			if err := rows.Scan(&t.PID, &t.User, &host, &t.Database, &timeSec, &inTrx); err != nil {
				rows.Close()
				return err
			}
			t.Client, t.Seconds = clientHost(host), float64(timeSec)
			t.State = engine.StateIdle
			if inTrx {
				t.State = engine.StateIdleInTxn
			}
			t.Superuser = supers[t.User]
			if !states[t.State] || (t.Superuser && !f.IncludeSuperuser) ||
				!match(f.Databases, t.Database) || !match(f.Users, t.User) || !match(f.Applications, t.User) {
				continue
			}
			cands = append(cands, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, t := range cands {
			if execute {
				var still int
				if err := c.QueryRowContext(ctx, recheckSQL, t.PID, secs, t.User).Scan(&still); err != nil {
					return err
				}
				if still == 0 {
					continue // turned active or went away: not a candidate any more
				}
				if _, err := c.ExecContext(ctx, fmt.Sprintf("KILL CONNECTION %d", t.PID)); err != nil {
					var me *my.MySQLError
					switch {
					case errors.As(err, &me) && me.Number == 1094: // unknown thread: gone already
						continue
					case errors.As(err, &me) && (me.Number == 1095 || me.Number == 1227):
						// Not its owner: list it with the reason and go on
						// with the others.
						t.MissingGrant = "CONNECTION ADMIN"
						t.Reason = fmt.Sprintf("%s: GRANT CONNECTION ADMIN (or SUPER) to kill other users' threads", engine.Scrub(me.Message, e.secret))
						out = append(out, t)
						continue
					}
					out = append(out, t)
					return err
				}
				t.Done = true
			}
			out = append(out, t)
		}
		return nil
	})
	if err != nil {
		return out, err
	}
	return out, engine.Refused(out)
}

func match(allowed []string, v string) bool {
	if len(allowed) == 0 {
		return true
	}
	for _, a := range allowed {
		if strings.EqualFold(a, v) {
			return true
		}
	}
	return false
}
