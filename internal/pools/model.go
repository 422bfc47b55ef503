// Package pools is connlint's capacity plan: an inventory of every client
// construction of a project (Go and TS/JS, found by the same engines and
// catalog as the rules), the maximum connections each can hold and where
// that number comes from, summed per application and per server against
// what the server allows.
package pools

import (
	"fmt"
	"strconv"
)

// Limit states.
const (
	Known     = "known"
	Unbounded = "unbounded"
	Unknown   = "unknown"
)

// Limit sources: where the number was read.
const (
	FromOption     = "option"     // an option of the constructor call
	FromSetter     = "setter"     // a call that sets it (SetMaxOpenConns)
	FromURL        = "url"        // a connection string parameter
	FromEnv        = "env"        // an environment variable read with a literal default
	FromDefault    = "default"    // the library's default (catalog)
	FromConnection = "connection" // a single connection
	FromWraps      = "wraps"      // no connection of its own
	FromFactory    = "factory"    // the factory's construction decides
)

// Limit is the most connections one client instance can hold.
type Limit struct {
	State string `json:"state"`
	// Max is the evaluated number (nil unless State is known).
	Max *int `json:"max"`
	// Formula is the library default's formula when it depends on the
	// host's CPUs ("2*cpus+1"), evaluated for the plan's cpus.
	Formula string `json:"formula,omitempty"`
	Source  string `json:"source"`
	// Where says, for a person, where the number comes from.
	Where string `json:"where"`
	// Env is the environment variable the number is read from, if any.
	Env string `json:"env,omitempty"`
	// Reason says why it is unknown or unbounded.
	Reason string `json:"reason,omitempty"`
}

func known(n int, source, where string) Limit {
	return Limit{State: Known, Max: &n, Source: source, Where: where}
}

func unknown(source, reason string) Limit {
	return Limit{State: Unknown, Source: source, Where: reason, Reason: reason}
}

func unbounded(source, reason string) Limit {
	return Limit{State: Unbounded, Source: source, Where: reason, Reason: reason}
}

// Value is Max, or 0 when it is not known.
func (l Limit) Value() int {
	if l.Max == nil {
		return 0
	}
	return *l.Max
}

// String is the number (or state) and its source, for text output.
func (l Limit) String() string {
	switch l.State {
	case Known:
		s := strconv.Itoa(*l.Max)
		if l.Formula != "" {
			s += " (" + l.Formula + ")"
		}
		return s
	case Unbounded:
		return "unbounded"
	}
	return "unknown"
}

// Site kinds: how a construction holds connections.
const (
	KindPool       = "pool"
	KindConnection = "connection"
	KindWraps      = "wraps"
	KindNone       = "none"
	KindPerNode    = "per-node"
)

// Site is one client construction.
type Site struct {
	ID       string `json:"id"` // file:line
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Language string `json:"language"`
	// Library is the module or package the constructor comes from.
	Library string `json:"library"`
	// Client is the catalog's client kind (prisma, pg, sql, pgxpool...).
	Client string `json:"client"`
	// Call is the construction as written, shortened (new Pool, sql.Open).
	Call   string `json:"call"`
	Kind   string `json:"kind"`
	Server string `json:"server"`
	Max    Limit  `json:"max"`
	// Instances is how many of these one process builds: 1; 0 for a
	// factory whose calls are listed as sites of their own; -1 when it
	// is built per call (a request handler, a loop): no bound.
	Instances int `json:"instances"`
	// Context is how often the construction runs (module, cached,
	// returned, once, per-call).
	Context string `json:"context,omitempty"`
	// Via names the factory a wrapper call goes through.
	Via string `json:"via,omitempty"`
	// DevOnly: built only when NODE_ENV says development.
	DevOnly bool `json:"dev_only,omitempty"`
	// Script: the file is an entrypoint that runs as its own short-lived
	// process (a seed, a migration): not counted per replica.
	Script bool `json:"script,omitempty"`
	// Params are connection string parameters worth showing beside the
	// maximum (pool_timeout, connect_timeout, pgbouncer).
	Params map[string]string `json:"params,omitempty"`
	// ApplicationName is the application_name its connections carry,
	// when the code or its connection string says.
	ApplicationName string   `json:"application_name,omitempty"`
	Apps            []string `json:"apps"`
	// Callers are the calls of the factory that returns it (Go).
	Callers []Caller `json:"callers,omitempty"`
	Notes   []string `json:"notes,omitempty"`

	// dir is the folder the site's deployable is looked up from.
	dir string
	// retKey (file#function) names the factory a construction is
	// returned by; callKey the factory a wrapper call goes through.
	retKey, callKey string
	// leaf is the construction a wrapper call's maximum comes from.
	leaf *Site
	// funcs: Go, the functions that return this site's client, for
	// linking callers.
	pkgPath string
	// pdep: the maximum is a parameter of the factory that returns the
	// construction; args: a factory call's arguments.
	pdep *paramDep
	args []argVal
}

// PerProcess is what the site adds to one process: Instances x Max.
// ok is false when that is not a number (unknown or unbounded).
func (s *Site) PerProcess() (n int, state string) {
	switch {
	case s.Script || s.Instances == 0:
		return 0, Known
	case s.Instances < 0:
		return 0, Unbounded
	case s.Max.State != Known:
		return 0, s.Max.State
	}
	return s.Instances * s.Max.Value(), Known
}

func siteID(file string, line int) string { return fmt.Sprintf("%s:%d", file, line) }
