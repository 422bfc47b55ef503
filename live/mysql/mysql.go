// Package mysql is connlint live's MySQL/MariaDB engine: max_connections
// (plus the extra slot the server keeps for SUPER / CONNECTION ADMIN),
// Threads_connected, and the processlist by user, host and command
// (Sleep = idle; Sleep with an open InnoDB transaction = idle in
// transaction).
package mysql

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/connlint/connlint/live/engine"
	my "github.com/go-sql-driver/mysql"
)

// Engine polls one MySQL or MariaDB server over one connection.
type Engine struct {
	cfg    *my.Config
	secret string
	mu     sync.Mutex
	db     *sql.DB
	conn   *sql.Conn
	id     int64
}

// ParseDSN reads mysql://user:pass@host:port/db?params (or
// mysql://user@/db?socket=/path/mysqld.sock) into a driver config.
func ParseDSN(dsn string, timeout time.Duration) (*my.Config, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, &engine.Error{Kind: engine.Config, Msg: "bad DSN: " + engine.Scrub(err.Error(), engine.Password(dsn))}
	}
	q := u.Query()
	addr := "tcp(" + hostPort(u.Host) + ")"
	if sock := q.Get("socket"); sock != "" {
		addr = "unix(" + sock + ")"
		q.Del("socket")
	}
	pass := q.Get("password")
	q.Del("password")
	// Build the driver's own DSN form without credentials, so every driver
	// parameter (tls, timeouts, ...) keeps its meaning, then set them.
	raw := addr + "/" + strings.TrimPrefix(u.Path, "/")
	if enc := q.Encode(); enc != "" {
		raw += "?" + enc
	}
	cfg, err := my.ParseDSN(raw)
	if err != nil {
		return nil, &engine.Error{Kind: engine.Config, Msg: "bad DSN: " + engine.Scrub(err.Error(), engine.Password(dsn))}
	}
	if u.User != nil {
		cfg.User = u.User.Username()
		if p, ok := u.User.Password(); ok {
			pass = p
		}
	}
	if cfg.User == "" {
		cfg.User = "root"
	}
	cfg.Passwd = pass
	if cfg.Timeout == 0 || (timeout > 0 && timeout < cfg.Timeout) {
		cfg.Timeout = timeout
	}
	if cfg.ReadTimeout == 0 {
		cfg.ReadTimeout = timeout
	}
	if cfg.WriteTimeout == 0 {
		cfg.WriteTimeout = timeout
	}
	// Label the session: visible in performance_schema.session_connect_attrs.
	attr := "program_name:" + engine.SelfName
	if cfg.ConnectionAttributes != "" {
		attr = cfg.ConnectionAttributes + "," + attr
	}
	cfg.ConnectionAttributes = attr
	cfg.Logger = &my.NopLogger{}
	return cfg, nil
}

func hostPort(h string) string {
	if h == "" {
		return "127.0.0.1:3306"
	}
	if _, _, err := net.SplitHostPort(h); err != nil {
		return net.JoinHostPort(strings.Trim(h, "[]"), "3306")
	}
	return h
}

// New parses dsn; it does not connect.
func New(dsn string, timeout time.Duration) (*Engine, error) {
	cfg, err := ParseDSN(dsn, timeout)
	if err != nil {
		return nil, err
	}
	return &Engine{cfg: cfg, secret: cfg.Passwd}, nil
}

// Kind implements engine.Engine.
func (e *Engine) Kind() string { return "mysql" }

// Close implements engine.Engine.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.closeLocked()
	return nil
}

func (e *Engine) closeLocked() {
	if e.conn != nil {
		e.conn.Raw(func(dc any) error { return driver.ErrBadConn }) // drop it, do not pool it
		e.conn.Close()
		e.conn = nil
	}
	if e.db != nil {
		e.db.Close()
		e.db = nil
	}
}

// ConnectionID is the server thread id of the engine's connection.
func (e *Engine) ConnectionID() int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.id
}

func (e *Engine) connect(ctx context.Context) error {
	start := time.Now()
	connector, err := my.NewConnector(e.cfg)
	if err != nil {
		return &engine.Error{Kind: engine.Config, Msg: engine.Scrub(err.Error(), e.secret)}
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	c, err := db.Conn(ctx)
	if err == nil {
		err = c.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&e.id)
		if err != nil {
			c.Close()
		}
	}
	if err != nil {
		db.Close()
		return Classify(timedOut(ctx, err, time.Since(start), e.cfg.Timeout), e.secret)
	}
	e.db, e.conn = db, c
	return nil
}

func (e *Engine) withConn(ctx context.Context, f func(*sql.Conn) error) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	for attempt := 0; ; attempt++ {
		fresh := false
		if e.conn == nil {
			if err := e.connect(ctx); err != nil {
				return err
			}
			fresh = true
		}
		err := f(e.conn)
		if err == nil {
			return nil
		}
		var ee *engine.Error
		if errors.As(err, &ee) {
			return err
		}
		if broken(err) {
			e.closeLocked()
			if !fresh && attempt == 0 && ctx.Err() == nil {
				continue
			}
		}
		return Classify(err, e.secret)
	}
}

// timedOut marks a connect error as the timeout it is: when the server
// never answers the handshake, the driver's read deadline fires first and
// it reports only "invalid connection", or the context's deadline does.
func timedOut(ctx context.Context, err error, elapsed, timeout time.Duration) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	late := timeout > 0 && elapsed >= timeout*9/10
	if ctx.Err() != nil || late && (errors.Is(err, my.ErrInvalidConn) || errors.Is(err, driver.ErrBadConn)) {
		return fmt.Errorf("%w after %s: %w", context.DeadlineExceeded, elapsed.Round(time.Millisecond), err)
	}
	return err
}

func broken(err error) bool {
	var me *my.MySQLError
	if errors.As(err, &me) {
		// 1927 connection was killed, 2006 gone away, 2013 lost connection
		return me.Number == 1927 || me.Number == 2006 || me.Number == 2013
	}
	return true // driver.ErrBadConn, io errors, sql.ErrConnDone, timeouts
}

// Classify turns a driver error into an *engine.Error.
func Classify(err error, secret string) error {
	msg := engine.Scrub(err.Error(), secret)
	var me *my.MySQLError
	if errors.As(err, &me) {
		server := engine.Scrub(me.Message, secret)
		switch me.Number {
		case 1040, 1203, 1226:
			// Too many connections; user has more than max_user_connections;
			// max_user_connections resource exceeded.
			return &engine.Error{Kind: engine.Exhausted, Msg: fmt.Sprintf("connection refused, no slot left: Error %d: %s", me.Number, server), Err: err}
		case 1044, 1045, 1698:
			return &engine.Error{Kind: engine.Auth, Msg: fmt.Sprintf("authentication failed: Error %d: %s", me.Number, server), Err: err}
		case 1049:
			return &engine.Error{Kind: engine.Config, Msg: fmt.Sprintf("Error %d: %s", me.Number, server), Err: err}
		case 1227, 1142, 1143:
			return &engine.Error{Kind: engine.Privilege, Msg: fmt.Sprintf("Error %d: %s", me.Number, server), Err: err}
		}
		return &engine.Error{Kind: engine.Unreachable, Msg: fmt.Sprintf("Error %d: %s", me.Number, server), Err: err}
	}
	if strings.Contains(strings.ToLower(msg), "too many connections") {
		return &engine.Error{Kind: engine.Exhausted, Msg: "connection refused, no slot left: " + msg, Err: err}
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &engine.Error{Kind: engine.Unreachable, Msg: "timed out: " + msg, Err: err}
	}
	return &engine.Error{Kind: engine.Unreachable, Msg: msg, Err: err}
}

const (
	varsSQL = `SHOW GLOBAL VARIABLES WHERE Variable_name IN
  ('version', 'version_comment', 'max_connections', 'extra_max_connections', 'extra_port', 'performance_schema', 'max_user_connections')`
	statusSQL = `SHOW GLOBAL STATUS WHERE Variable_name IN
  ('Threads_connected', 'Threads_running', 'Max_used_connections', 'Connection_errors_max_connections', 'Aborted_connects',
   'Aborted_connects_preauth', 'Access_denied_errors')`
	// PROCESS is what lets a user see other users' threads. The check
	// looks at the user's global privileges and those of its enabled role.
	privSQL = `SELECT CURRENT_USER(), COUNT(*) FROM information_schema.USER_PRIVILEGES
WHERE PRIVILEGE_TYPE = 'PROCESS' AND GRANTEE IN (
  CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), ''''),
  CONCAT('''', COALESCE(CURRENT_ROLE(), ''), ''''))`
	privSQLMySQL = `SELECT CURRENT_USER(), COUNT(*) FROM information_schema.USER_PRIVILEGES
WHERE PRIVILEGE_TYPE = 'PROCESS' AND GRANTEE =
  CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')`
	// Client threads only: replication and daemon threads are not clients.
	processSQL = `SELECT p.ID, COALESCE(p.USER, ''), COALESCE(p.HOST, ''), COALESCE(p.DB, ''), COALESCE(p.COMMAND, ''),
       COALESCE(p.TIME, 0), t.trx_started IS NOT NULL,
       COALESCE(TIMESTAMPDIFF(SECOND, t.trx_started, NOW()), 0)
FROM information_schema.PROCESSLIST p
LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
WHERE p.COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Binlog Dump GTID', 'Slave_IO', 'Slave_SQL', 'Slave_worker')
  AND COALESCE(p.USER, '') NOT IN ('system user', 'event_scheduler')`
	attrsSQL = `SELECT PROCESSLIST_ID, ATTR_VALUE FROM performance_schema.session_connect_attrs WHERE ATTR_NAME = 'program_name'`
)

// Snapshot implements engine.Engine.
func (e *Engine) Snapshot(ctx context.Context) (*engine.Snapshot, error) {
	start := time.Now()
	var snap *engine.Snapshot
	err := e.withConn(ctx, func(c *sql.Conn) error {
		snap = engine.NewSnapshot("mysql")
		vars, err := keyValues(ctx, c, varsSQL)
		if err != nil {
			return err
		}
		status, err := keyValues(ctx, c, statusSQL)
		if err != nil {
			return err
		}
		mariadb := strings.Contains(strings.ToLower(vars["version"]+" "+vars["version_comment"]), "mariadb")
		snap.ServerVersion = vars["version"]
		snap.MaxConnections = atoi(vars["max_connections"])
		// The server admits one connection beyond max_connections for a
		// SUPER (CONNECTION ADMIN) user: reserved, not for applications.
		snap.Reserved = 1
		snap.Capacity = snap.MaxConnections
		threads := atoi(status["Threads_connected"])
		snap.Extra["threads_connected"] = float64(threads)
		snap.Extra["threads_running"] = float64(atoi(status["Threads_running"]))
		snap.Extra["max_used_connections"] = float64(atoi(status["Max_used_connections"]))
		snap.Extra["connection_errors_max_connections"] = float64(atoi(status["Connection_errors_max_connections"]))
		snap.Extra["aborted_connects"] = float64(atoi(status["Aborted_connects"]))
		snap.Extra["access_denied_errors"] = float64(atoi(status["Access_denied_errors"]))
		// MariaDB only: connects dropped before authenticating. With it and
		// Access_denied_errors the alert rules tell refusals (which MariaDB
		// counts in Connection_errors_max_connections only before the
		// handshake) from failed logins and health checks.
		if v, ok := status["Aborted_connects_preauth"]; ok {
			snap.Extra["aborted_connects_preauth"] = float64(atoi(v))
		}
		snap.Extra["extra_max_connections"] = float64(atoi(vars["extra_max_connections"]))
		snap.Extra["max_user_connections"] = float64(atoi(vars["max_user_connections"]))

		q := privSQLMySQL
		if mariadb {
			q = privSQL
		}
		var who string
		var hasProcess int
		if err := c.QueryRowContext(ctx, q).Scan(&who, &hasProcess); err != nil {
			return err
		}
		if hasProcess == 0 {
			user := who
			if i := strings.LastIndex(who, "@"); i >= 0 {
				user = fmt.Sprintf("'%s'@'%s'", who[:i], who[i+1:])
			}
			return &engine.Error{Kind: engine.Privilege, Grant: "PROCESS",
				Msg: fmt.Sprintf("%s cannot see other users' threads: GRANT PROCESS ON *.* TO %s", who, user)}
		}

		apps := map[int64]string{}
		if vars["performance_schema"] == "ON" || vars["performance_schema"] == "1" {
			if rows, err := c.QueryContext(ctx, attrsSQL); err == nil {
				for rows.Next() {
					var id int64
					var v string
					if rows.Scan(&id, &v) == nil {
						apps[id] = v
					}
				}
				rows.Close()
			}
		} else {
			snap.AppsAreUsers = true
		}

		rows, err := c.QueryContext(ctx, processSQL)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				s         engine.Session
				host, cmd string
				timeSec   int64
				inTrx     bool
				trxAge    int64
			)
			if err := rows.Scan(&s.PID, &s.User, &host, &s.Database, &cmd, &timeSec, &inTrx, &trxAge); err != nil {
				return err
			}
			s.Client = clientHost(host)
			s.Application = apps[s.PID]
			s.Seconds = float64(timeSec)
			switch {
			case cmd == "Sleep" && inTrx:
				s.State = engine.StateIdleInTxn
				s.XactSeconds = float64(trxAge)
			case cmd == "Sleep":
				s.State = engine.StateIdle
			case cmd == "Connect" && s.User == "unauthenticated user":
				s.State = "connecting"
			default:
				s.State = engine.StateActive
			}
			if s.PID == e.id {
				self := s
				self.Application = engine.SelfName
				snap.Self = &self
				continue
			}
			snap.Add(s)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		// Threads_connected is what the server holds against
		// max_connections; connlint's own thread is not the application's.
		snap.Used = threads - 1
		if snap.Used < 0 {
			snap.Used = 0
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	snap.Took = time.Since(start)
	return snap, nil
}

func keyValues(ctx context.Context, c *sql.Conn, q string) (map[string]string, error) {
	rows, err := c.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, rows.Err()
}

func clientHost(h string) string {
	if h == "" {
		return ""
	}
	if host, _, err := net.SplitHostPort(h); err == nil {
		return host
	}
	return h // "localhost" for a unix socket
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}
