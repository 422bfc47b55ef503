// Package engine defines what every connlint live engine (PostgreSQL,
// MySQL/MariaDB, PgBouncer, Redis) hands to the evaluation layer: a Snapshot
// of one server's connection use, and classified errors.
//
// An Engine owns exactly one connection to its target. It opens it lazily on
// the first Snapshot, reuses it on every later poll, and reconnects once when
// the connection broke. Nothing in this package talks to a server.
package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// SelfName is the application name connlint gives its own session
// (application_name on PostgreSQL and PgBouncer, program_name connection
// attribute on MySQL, CLIENT SETNAME on Redis).
const SelfName = "connlint"

// Engine is one monitored server.
type Engine interface {
	// Kind is the engine name used in output: postgres, mysql, pgbouncer, redis.
	Kind() string
	// Snapshot polls the server over the engine's single connection.
	Snapshot(ctx context.Context) (*Snapshot, error)
	// Close releases the connection. The engine may be polled again afterwards
	// (it reconnects).
	Close() error
}

// Terminator is implemented by engines that can end client sessions.
type Terminator interface {
	// Terminate selects the client sessions matching f and, when execute is
	// true, ends them in the same step. It returns the sessions selected
	// (dry run) or terminated.
	Terminate(ctx context.Context, f TerminateFilter, execute bool) ([]Terminated, error)
}

// TerminateFilter says which sessions terminate may touch. Sessions are
// always client sessions other than connlint's own.
type TerminateFilter struct {
	IdleOlder        time.Duration // required: idle (in its state) at least this long
	States           []string      // default: every idle state of the engine
	Databases        []string
	Users            []string
	Applications     []string
	IncludeSuperuser bool
}

// Terminated is one session terminate selected.
type Terminated struct {
	Session
	Superuser bool `json:"superuser"`
	// Done is true when the session was terminated (execute mode and the
	// server confirmed it).
	Done bool `json:"terminated"`
	// Reason says why a session terminate matched was not terminated
	// (execute mode): a missing privilege, or it was gone.
	Reason string `json:"reason,omitempty"`
	// MissingGrant names the privilege that would have let it be ended.
	MissingGrant string `json:"missing_grant,omitempty"`
}

// Refused is the error for the sessions terminate matched but had no right
// to end (nil when there are none): a privilege error naming the grant,
// with how many matched.
func Refused(ss []Terminated) error {
	n, first := 0, -1
	for i, s := range ss {
		if s.MissingGrant != "" {
			n++
			if first < 0 {
				first = i
			}
		}
	}
	if n == 0 {
		return nil
	}
	return &Error{Kind: Privilege, Grant: ss[first].MissingGrant,
		Msg: fmt.Sprintf("%d of %d matching sessions could not be terminated: %s", n, len(ss), ss[first].Reason)}
}

// Session is one client connection.
type Session struct {
	PID         int64   `json:"pid"`
	User        string  `json:"user"`
	Application string  `json:"application"`
	Database    string  `json:"database,omitempty"`
	Client      string  `json:"client"`
	State       string  `json:"state"`
	Seconds     float64 `json:"seconds"` // time in the current state, never negative
	// XactSeconds is the age of the open transaction (PostgreSQL), 0 if none.
	XactSeconds float64 `json:"xact_seconds,omitempty"`
	// Hidden is true when the monitoring role may not see the session's
	// state, client and ages (PostgreSQL without pg_read_all_stats): they
	// read "unknown" and 0.
	Hidden bool `json:"hidden,omitempty"`
}

// Idle reports whether the session is idle in the broad sense: idle, or
// idle in a transaction (aborted or not), or a MySQL Sleep.
func (s Session) Idle() bool { return IsIdleState(s.State) }

// InTransaction reports whether the session is idle inside a transaction.
func (s Session) InTransaction() bool {
	return s.State == StateIdleInTxn || s.State == StateIdleInTxnAborted
}

// State names shared by the engines. MySQL's Sleep maps to StateIdle.
const (
	StateActive           = "active"
	StateIdle             = "idle"
	StateIdleInTxn        = "idle in transaction"
	StateIdleInTxnAborted = "idle in transaction (aborted)"
	// StateUnknown is the state (and client) of a session the role may
	// not look at.
	StateUnknown = "unknown"
)

// IsIdleState reports whether a state counts as idle.
func IsIdleState(s string) bool {
	return s == StateIdle || s == StateIdleInTxn || s == StateIdleInTxnAborted
}

// Limit is a per-role or per-database connection limit set on the server.
type Limit struct {
	Kind   string `json:"kind"` // "role" or "database"
	Name   string `json:"name"`
	Limit  int    `json:"limit"`
	Actual int    `json:"actual"`
}

// Pool is a PgBouncer pool (database/user pair).
type Pool struct {
	Database     string  `json:"database"`
	User         string  `json:"user"`
	Mode         string  `json:"pool_mode,omitempty"`
	ClActive     int     `json:"cl_active"`
	ClWaiting    int     `json:"cl_waiting"`
	SvActive     int     `json:"sv_active"`
	SvIdle       int     `json:"sv_idle"`
	SvUsed       int     `json:"sv_used"`
	SvOther      int     `json:"sv_other"` // tested + login
	MaxWait      float64 `json:"maxwait_seconds"`
	PoolSize     int     `json:"pool_size"` // configured, 0 when unknown
	ServerConns  int     `json:"server_connections"`
	MaxDBConns   int     `json:"max_db_connections,omitempty"`
	DBServerConn int     `json:"db_current_connections,omitempty"`
}

// Snapshot is one poll of one server.
type Snapshot struct {
	Engine        string `json:"engine"`
	ServerVersion string `json:"server_version"`
	// MaxConnections is the server's configured limit (max_connections,
	// max_client_conn, maxclients).
	MaxConnections int `json:"max_connections"`
	// Reserved slots ordinary clients cannot use (superuser reserved
	// connections; MySQL's extra SUPER slot).
	Reserved int `json:"reserved"`
	// Capacity is what ordinary clients can hold.
	Capacity int `json:"capacity"`
	// Used is the number of client connections, connlint's own excluded.
	Used int `json:"used"`

	ByState       map[string]int `json:"by_state"`
	ByApplication map[string]int `json:"by_application"`
	ByDatabase    map[string]int `json:"by_database"`
	ByUser        map[string]int `json:"by_user"`
	ByClientAddr  map[string]int `json:"by_client_addr"`
	// ActiveByApplication counts active sessions per application (used to
	// tell a leak from a busy application).
	ActiveByApplication map[string]int `json:"active_by_application"`
	// ActiveByUser is the same per user.
	ActiveByUser map[string]int `json:"active_by_user"`

	// Sessions lists every client session seen (own excluded). Engines that
	// cannot list sessions leave it empty.
	Sessions []Session `json:"-"`
	// Self is connlint's own session, excluded from every count.
	Self *Session `json:"self,omitempty"`

	Limits []Limit `json:"limits,omitempty"`
	Pools  []Pool  `json:"pools,omitempty"`
	// Counters and gauges specific to an engine (rejected_connections,
	// threads_connected, ...), also exported as metrics.
	Extra map[string]float64 `json:"extra,omitempty"`
	// Notes are engine findings the evaluation layer turns into checks
	// (PgBouncer clients waiting, ...).
	Notes []Note `json:"-"`
	// AppsAreUsers is true when the engine has no application names and
	// budgets match users (MySQL without performance_schema).
	AppsAreUsers bool `json:"-"`
	// Hidden counts the sessions whose state, client and ages the role may
	// not see (see Session.Hidden); HiddenNote says why and what to grant,
	// MissingGrant names the grant.
	Hidden       int    `json:"-"`
	HiddenNote   string `json:"-"`
	MissingGrant string `json:"-"`

	Took time.Duration `json:"-"`
}

// Note is an engine-specific condition.
type Note struct {
	Name    string
	Status  int // 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN
	Message string
}

// NewSnapshot returns a snapshot with its maps made.
func NewSnapshot(kind string) *Snapshot {
	return &Snapshot{
		Engine:              kind,
		ByState:             map[string]int{},
		ByApplication:       map[string]int{},
		ByDatabase:          map[string]int{},
		ByUser:              map[string]int{},
		ByClientAddr:        map[string]int{},
		ActiveByApplication: map[string]int{},
		ActiveByUser:        map[string]int{},
		Extra:               map[string]float64{},
	}
}

// Add counts one client session in every breakdown and keeps it in Sessions.
func (s *Snapshot) Add(x Session) {
	s.Sessions = append(s.Sessions, x)
	s.ByState[x.State]++
	s.ByApplication[x.Application]++
	if x.Database != "" {
		s.ByDatabase[x.Database]++
	}
	s.ByUser[x.User]++
	s.ByClientAddr[x.Client]++
	if x.State == StateActive {
		s.ActiveByApplication[x.Application]++
		s.ActiveByUser[x.User]++
	}
}

// ErrorKind classifies a failed poll.
type ErrorKind int

const (
	// Unreachable: the server could not be reached or the poll failed
	// (UNKNOWN).
	Unreachable ErrorKind = iota
	// Exhausted: the server refused the connection because its slots are
	// gone (CRITICAL: the very condition connlint watches).
	Exhausted
	// Privilege: connected, but the role lacks the grant needed to see other
	// sessions (UNKNOWN naming the grant).
	Privilege
	// Config: bad DSN or flags (UNKNOWN).
	Config
	// Auth: authentication failed (UNKNOWN).
	Auth
)

func (k ErrorKind) String() string {
	switch k {
	case Exhausted:
		return "exhausted"
	case Privilege:
		return "privilege"
	case Config:
		return "config"
	case Auth:
		return "auth"
	}
	return "unreachable"
}

// Error is a classified engine error. Its message never holds a password:
// engines build it from redacted text.
type Error struct {
	Kind ErrorKind
	Msg  string
	// Grant names the missing privilege for Kind == Privilege.
	Grant string
	Err   error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Errorf makes a classified error.
func Errorf(kind ErrorKind, format string, args ...any) *Error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of err (Unreachable when it is not an *Error).
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Unreachable
}

// MarshalJSON writes pid as null when the engine has none to give (a
// PgBouncer client on TCP has no process id; 0 is never a real one).
func (s Session) MarshalJSON() ([]byte, error) {
	type plain Session // without this method
	var pid *int64
	if s.PID != 0 {
		pid = &s.PID
	}
	return json.Marshal(struct {
		PID *int64 `json:"pid"`
		plain
	}{pid, plain(s)})
}

// MarshalJSON writes the session's fields, then terminate's. (Without it
// the embedded Session's MarshalJSON would write the session alone.)
func (t Terminated) MarshalJSON() ([]byte, error) {
	s, err := json.Marshal(t.Session)
	if err != nil {
		return nil, err
	}
	extra, err := json.Marshal(struct {
		Superuser    bool   `json:"superuser"`
		Done         bool   `json:"terminated"`
		Reason       string `json:"reason,omitempty"`
		MissingGrant string `json:"missing_grant,omitempty"`
	}{t.Superuser, t.Done, t.Reason, t.MissingGrant})
	if err != nil {
		return nil, err
	}
	return append(append(s[:len(s)-1], ','), extra[1:]...), nil
}
