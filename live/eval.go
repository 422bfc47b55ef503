package live

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/connlint/connlint/live/plan"
)

// Status is a Nagios status.
type Status int

const (
	OK Status = iota
	Warning
	Critical
	Unknown
)

func (s Status) String() string {
	switch s {
	case OK:
		return "OK"
	case Warning:
		return "WARNING"
	case Critical:
		return "CRITICAL"
	}
	return "UNKNOWN"
}

// MarshalText writes the status name in JSON.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// rank orders statuses for aggregation: CRITICAL > WARNING > UNKNOWN > OK.
func rank(s Status) int { return [...]int{0, 2, 3, 1}[s] }

// Worse returns the worse of two statuses.
func Worse(a, b Status) Status {
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// Budget is one --budget: at most Limit connections for an application
// (or a user).
type Budget struct {
	Name  string
	User  bool // matches users, not application names
	Limit int
	// Prefixed is true when the flag said app: or user: explicitly.
	Prefixed bool
}

// ParseBudget reads APP=N, app:APP=N or user:NAME=N.
func ParseBudget(s string) (Budget, error) {
	i := strings.LastIndex(s, "=")
	if i <= 0 {
		return Budget{}, fmt.Errorf("--budget %q: want APP=N (or user:NAME=N)", s)
	}
	name, num := s[:i], s[i+1:]
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || strings.TrimLeft(num, "0123456789") != "" {
		return Budget{}, fmt.Errorf("--budget %q: N must be a whole number, 0 or more", s)
	}
	b := Budget{Name: name, Limit: n}
	switch {
	case strings.HasPrefix(name, "user:"):
		b.Name, b.User, b.Prefixed = strings.TrimPrefix(name, "user:"), true, true
	case strings.HasPrefix(name, "app:"):
		b.Name, b.Prefixed = strings.TrimPrefix(name, "app:"), true
	}
	if b.Name == "" {
		return Budget{}, fmt.Errorf("--budget %q: the application (or user) name is empty", s)
	}
	return b, nil
}

// byUser reports whether the budget counts a user's connections: asked
// with user:, or a bare name on an engine without application names.
func (b Budget) byUser(appsAreUsers bool) bool { return b.User || (!b.Prefixed && appsAreUsers) }

// kind is "app" or "user", as in the flag's prefix and the check's name.
func (b Budget) kind(appsAreUsers bool) string {
	if b.byUser(appsAreUsers) {
		return "user"
	}
	return "app"
}

// kindWord is the kind as the JSON's "by" and messages spell it.
func (b Budget) kindWord(appsAreUsers bool) string {
	if b.byUser(appsAreUsers) {
		return "user"
	}
	return "application"
}

// CheckName is the budget's check name, unique per kind and name:
// budget:app:NAME or budget:user:NAME.
func (b Budget) CheckName(appsAreUsers bool) string {
	return "budget:" + b.kind(appsAreUsers) + ":" + b.Name
}

// Options are the evaluation settings shared by every engine.
type Options struct {
	Warn, Crit   Threshold
	Budgets      []Budget
	Plan         *plan.Plan    // budgets per application from connlint pools
	IdleOlder    time.Duration // 0: off
	IdleTxnOlder time.Duration // 0: off
}

// Check is one evaluated condition.
type Check struct {
	Name    string `json:"name"`
	Status  Status `json:"status"`
	Message string `json:"message"`
}

// BudgetResult is the evaluated budget, as the JSON contract names it.
type BudgetResult struct {
	App    string `json:"app"`
	By     string `json:"by"` // application or user
	Limit  int    `json:"limit"`
	Actual int    `json:"actual"`
	Status Status `json:"status"`
	// Source is "plan" for a budget read from --plan (PlanApp names the
	// plan's application); empty for --budget.
	Source  string `json:"source,omitempty"`
	PlanApp string `json:"plan_app,omitempty"`
}

// Result is one target's evaluated poll: the `--format json` object.
type Result struct {
	Status         Status             `json:"status"`
	Target         string             `json:"target"`
	Engine         string             `json:"engine"`
	ServerVersion  string             `json:"server_version"`
	MaxConnections int                `json:"max_connections"`
	Reserved       int                `json:"reserved"`
	Capacity       int                `json:"capacity"`
	Used           int                `json:"used"`
	UsedPercent    float64            `json:"used_percent"`
	ByState        map[string]int     `json:"by_state"`
	ByApplication  map[string]int     `json:"by_application"`
	ByDatabase     map[string]int     `json:"by_database"`
	ByUser         map[string]int     `json:"by_user"`
	ByClientAddr   map[string]int     `json:"by_client_addr"`
	Idle           []engine.Session   `json:"idle"`
	Budgets        []BudgetResult     `json:"budgets"`
	Checks         []Check            `json:"checks"`
	OldestIdle     *engine.Session    `json:"oldest_idle"`
	OldestIdleTxn  *engine.Session    `json:"oldest_idle_in_transaction"`
	Limits         []engine.Limit     `json:"limits"`
	Pools          []engine.Pool      `json:"pools,omitempty"`
	Self           *engine.Session    `json:"self"`
	Extra          map[string]float64 `json:"extra,omitempty"`
	Error          string             `json:"error,omitempty"`
	ErrorKind      string             `json:"error_kind,omitempty"`
	MissingGrant   string             `json:"missing_grant,omitempty"`
	PollSeconds    float64            `json:"poll_seconds"`
	Time           time.Time          `json:"time"`

	snap  *engine.Snapshot
	label string // the target's prefix in multi-target perfdata
}

// Snapshot returns the poll behind the result (nil after an error).
func (r *Result) Snapshot() *engine.Snapshot { return r.snap }

func emptyResult(target, kind string) *Result {
	return &Result{
		Target: target, Engine: kind,
		ByState: map[string]int{}, ByApplication: map[string]int{}, ByDatabase: map[string]int{},
		ByUser: map[string]int{}, ByClientAddr: map[string]int{},
		Idle: []engine.Session{}, Budgets: []BudgetResult{}, Checks: []Check{}, Limits: []engine.Limit{},
		Time: time.Now().UTC(),
	}
}

// ErrorResult is the result of a poll that failed: CRITICAL when the server
// refused the connection for lack of slots, UNKNOWN otherwise.
func ErrorResult(target, kind string, err error) *Result {
	r := emptyResult(target, kind)
	st := Unknown
	k := engine.KindOf(err)
	if k == engine.Exhausted {
		st = Critical
	}
	r.Error = err.Error()
	r.ErrorKind = k.String()
	var ee *engine.Error
	if asEngineError(err, &ee) && ee.Grant != "" {
		r.MissingGrant = ee.Grant
	}
	name := "connect"
	if k == engine.Privilege {
		name = "privileges"
	}
	r.Checks = append(r.Checks, Check{Name: name, Status: st, Message: err.Error()})
	r.Status = st
	return r
}

// Evaluate applies the thresholds, budgets and idle limits to a snapshot.
func Evaluate(target string, snap *engine.Snapshot, o Options) *Result {
	r := emptyResult(target, snap.Engine)
	r.snap = snap
	r.ServerVersion = snap.ServerVersion
	r.MaxConnections, r.Reserved, r.Capacity, r.Used = snap.MaxConnections, snap.Reserved, snap.Capacity, snap.Used
	if snap.Capacity > 0 {
		r.UsedPercent = round1(float64(snap.Used) * 100 / float64(snap.Capacity))
	}
	r.ByState, r.ByApplication, r.ByDatabase, r.ByUser, r.ByClientAddr = snap.ByState, snap.ByApplication, snap.ByDatabase, snap.ByUser, snap.ByClientAddr
	if snap.Limits != nil {
		r.Limits = snap.Limits
	}
	r.Pools, r.Self, r.Extra = snap.Pools, snap.Self, snap.Extra
	r.PollSeconds = snap.Took.Seconds()

	// Capacity.
	st := OK
	switch {
	case o.Crit.Tripped(snap.Used, snap.Capacity):
		st = Critical
	case o.Warn.Tripped(snap.Used, snap.Capacity):
		st = Warning
	}
	r.add(Check{Name: "capacity", Status: st, Message: fmt.Sprintf("%d of %d usable connections in use (%.1f%%), %d free; %s (warn %s, crit %s)",
		snap.Used, snap.Capacity, r.UsedPercent, snap.Capacity-snap.Used, slotsNote(snap), o.Warn, o.Crit)})

	// Per-role and per-database limits set on the server.
	for _, l := range snap.Limits {
		st := OK
		switch {
		case l.Actual >= l.Limit:
			st = Critical
		case o.Crit.AppliesToLimit() && o.Crit.Tripped(l.Actual, l.Limit):
			st = Critical
		case o.Warn.AppliesToLimit() && o.Warn.Tripped(l.Actual, l.Limit):
			st = Warning
		}
		r.add(Check{Name: "limit:" + l.Kind + ":" + l.Name, Status: st,
			Message: fmt.Sprintf("%s %q holds %d of its CONNECTION LIMIT %d", l.Kind, l.Name, l.Actual, l.Limit)})
	}

	// Budgets. A bare name given beside the same name with user: resolves
	// to the same user on an engine without application names: the
	// explicit one is evaluated, the bare one noted, so check names stay
	// unique.
	explicit := map[string]bool{}
	for _, b := range o.Budgets {
		if b.Prefixed {
			explicit[b.CheckName(snap.AppsAreUsers)] = true
		}
	}
	for _, b := range o.Budgets {
		name, by := b.CheckName(snap.AppsAreUsers), b.kindWord(snap.AppsAreUsers)
		if !b.Prefixed && explicit[name] {
			continue
		}
		actual := snap.ByApplication[b.Name]
		if b.byUser(snap.AppsAreUsers) {
			actual = snap.ByUser[b.Name]
		}
		st := OK
		msg := fmt.Sprintf("%s %q holds %d connections, budget %d", by, b.Name, actual, b.Limit)
		if actual > b.Limit {
			st = Critical
			msg = fmt.Sprintf("%s %q holds %d connections, over its budget of %d", by, b.Name, actual, b.Limit)
		}
		r.Budgets = append(r.Budgets, BudgetResult{App: b.Name, By: by, Limit: b.Limit, Actual: actual, Status: st})
		r.add(Check{Name: name, Status: st, Message: msg})
	}

	r.planBudgets(snap, o)

	// Idle sessions.
	var idleOld, txnOld []engine.Session
	for _, s := range snap.Sessions {
		if !s.Idle() {
			continue
		}
		if s.InTransaction() {
			if r.OldestIdleTxn == nil || s.Seconds > r.OldestIdleTxn.Seconds {
				c := s
				r.OldestIdleTxn = &c
			}
		} else if r.OldestIdle == nil || s.Seconds > r.OldestIdle.Seconds {
			c := s
			r.OldestIdle = &c
		}
		txn := o.IdleTxnOlder > 0 && s.InTransaction() && s.Seconds >= o.IdleTxnOlder.Seconds()
		idle := o.IdleOlder > 0 && s.Seconds >= o.IdleOlder.Seconds()
		if txn {
			txnOld = append(txnOld, s)
		} else if idle {
			idleOld = append(idleOld, s)
		}
		if txn || idle {
			r.Idle = append(r.Idle, s)
		}
	}
	sort.Slice(r.Idle, func(i, j int) bool { return r.Idle[i].Seconds > r.Idle[j].Seconds })
	// Sessions whose state and age the role may not see: an idle check
	// cannot say "none" (UNKNOWN, naming the grant, unless what it does
	// see is worse), and the oldest idle session is not known.
	blind := func(st Status, msg string) (Status, string) {
		if snap.Hidden == 0 {
			return st, msg
		}
		return Worse(st, Unknown), fmt.Sprintf("%s; the state and age of %d sessions of other roles are hidden: %s", msg, snap.Hidden, snap.HiddenNote)
	}
	if snap.Hidden > 0 {
		r.OldestIdle, r.OldestIdleTxn = nil, nil
	}
	if o.IdleOlder > 0 {
		st, msg := OK, fmt.Sprintf("no client session idle longer than %s", o.IdleOlder)
		if len(idleOld) > 0 {
			st, msg = Warning, fmt.Sprintf("%d client sessions idle longer than %s: %s", len(idleOld), o.IdleOlder, describe(idleOld))
		}
		st, msg = blind(st, msg)
		r.add(Check{Name: "idle", Status: st, Message: msg})
	}
	if o.IdleTxnOlder > 0 {
		st, msg := OK, fmt.Sprintf("no session idle in transaction longer than %s", o.IdleTxnOlder)
		if len(txnOld) > 0 {
			st, msg = Critical, fmt.Sprintf("%d sessions idle in transaction longer than %s: %s", len(txnOld), o.IdleTxnOlder, describe(txnOld))
		}
		st, msg = blind(st, msg)
		r.add(Check{Name: "idle_in_transaction", Status: st, Message: msg})
	}
	if snap.MissingGrant != "" {
		r.MissingGrant = snap.MissingGrant
		r.add(Check{Name: "visibility", Status: OK, Message: fmt.Sprintf(
			"counts include %d sessions of other roles whose state, client and age are hidden (and which may include background workers with a database and a user); budgets, users, databases and applications are seen: %s",
			snap.Hidden, snap.HiddenNote)})
	}

	for _, n := range snap.Notes {
		r.add(Check{Name: n.Name, Status: Status(n.Status), Message: n.Message})
	}
	return r
}

func (r *Result) add(c Check) {
	r.Checks = append(r.Checks, c)
	r.Status = Worse(r.Status, c.Status)
}

// AddCheck appends a check and updates the status (watch mode's leak alerts).
func (r *Result) AddCheck(c Check) { r.add(c) }

// describe lists sessions with pid, user, application, client and age.
func describe(ss []engine.Session) string {
	sort.Slice(ss, func(i, j int) bool { return ss[i].Seconds > ss[j].Seconds })
	var parts []string
	for i, s := range ss {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(ss)-5))
			break
		}
		parts = append(parts, fmt.Sprintf("pid %s user=%s app=%s client=%s %s for %s",
			pidText(s.PID), orDash(s.User), orDash(s.Application), orDash(s.Client), s.State, Age(s.Seconds)))
	}
	return strings.Join(parts, "; ")
}

// Age formats seconds as a short duration.
func Age(sec float64) string {
	d := time.Duration(sec * float64(time.Second))
	switch {
	case d >= time.Hour:
		return d.Truncate(time.Minute).String()
	case d >= time.Minute:
		return d.Truncate(time.Second).String()
	}
	return d.Truncate(100 * time.Millisecond).String()
}

// pidText is a session's pid, or "-" when the engine has none (0).
func pidText(pid int64) string {
	if pid == 0 {
		return "-"
	}
	return strconv.FormatInt(pid, 10)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func round1(f float64) float64 { return float64(int64(f*10+0.5)) / 10 }

// slotsNote says how capacity relates to max_connections (see
// adminSlotOnTop).
func slotsNote(snap *engine.Snapshot) string {
	if adminSlotOnTop(snap.MaxConnections, snap.Reserved, snap.Capacity) {
		return fmt.Sprintf("max_connections %d, +%d reserved for admins", snap.MaxConnections, snap.Reserved)
	}
	return fmt.Sprintf("max_connections %d, %d reserved", snap.MaxConnections, snap.Reserved)
}

// adminSlotOnTop: the reserved slots come on top of max_connections
// (MySQL's extra SUPER connection) rather than out of it (PostgreSQL).
func adminSlotOnTop(maxConns, reserved, capacity int) bool {
	return reserved > 0 && capacity == maxConns
}
