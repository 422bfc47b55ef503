package live

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/connlint/connlint/live/engine"
)

// WriteJSON writes one result as the contract's JSON object, on one line.
func WriteJSON(w io.Writer, r *Result) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// Overall is the worst status of a set of results.
func Overall(rs []*Result) Status {
	st := OK
	for _, r := range rs {
		st = Worse(st, r.Status)
	}
	return st
}

// summary is the one-line message of a result: its non-OK checks, or the
// capacity check when all is well.
func summary(r *Result) string {
	var bad []string
	for _, c := range r.Checks {
		if c.Status != OK {
			bad = append(bad, c.Message)
		}
	}
	if len(bad) > 0 {
		return strings.Join(bad, "; ")
	}
	for _, c := range r.Checks {
		if c.Name == "capacity" {
			return c.Message
		}
	}
	return "no checks"
}

// WriteNagios writes the plugin output: a status line with perfdata, and
// one line per target after it when there are several.
func WriteNagios(w io.Writer, rs []*Result, o Options) error {
	st := Overall(rs)
	if len(rs) == 1 {
		r := rs[0]
		_, err := fmt.Fprintf(w, "CONNLINT %s %s - %s | %s\n", strings.ToUpper(r.Engine), r.Status, oneLine(summary(r)), perfdata(r, o, ""))
		return err
	}
	var parts, perf []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s %s", r.Target, r.Status))
		perf = append(perf, perfdata(r, o, r.perfPrefix()))
	}
	if _, err := fmt.Fprintf(w, "CONNLINT %s - %d targets: %s | %s\n", st, len(rs), strings.Join(parts, ", "), strings.Join(perf, " ")); err != nil {
		return err
	}
	for _, r := range rs {
		if _, err := fmt.Fprintf(w, "%s %s %s - %s\n", r.Target, strings.ToUpper(r.Engine), r.Status, oneLine(summary(r))); err != nil {
			return err
		}
	}
	return nil
}

func oneLine(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	return strings.ReplaceAll(s, "|", "/") // | starts perfdata
}

// perfdata in the Nagios format 'label'=value[UOM];warn;crit;min;max.
func perfdata(r *Result, o Options, prefix string) string {
	if r.Error != "" {
		return label(prefix+"up") + "=0"
	}
	var p []string
	p = append(p, fmt.Sprintf("%s=%d;%d;%d;0;%d", label(prefix+"used"), r.Used, o.Warn.Level(r.Capacity), o.Crit.Level(r.Capacity), r.Capacity))
	p = append(p, fmt.Sprintf("%s=%.1f%%;;;0;100", label(prefix+"used_pct"), r.UsedPercent))
	p = append(p, fmt.Sprintf("%s=%d", label(prefix+"max_connections"), r.MaxConnections))
	for _, k := range sortedKeys(r.ByState) {
		p = append(p, fmt.Sprintf("%s=%d", label(prefix+"state_"+k), r.ByState[k]))
	}
	budgets := map[string]int{}
	for _, b := range r.Budgets {
		budgets[b.By+":"+b.App] = b.Limit
	}
	counted := func(kind, by string, counts map[string]int) {
		for _, k := range sortedKeys(counts) {
			l := label(prefix + kind + "_" + orDash(k)) // an unnamed application is "-", as in the text table
			if b, ok := budgets[by+":"+k]; ok {
				p = append(p, fmt.Sprintf("%s=%d;;%d;0", l, counts[k], b))
			} else {
				p = append(p, fmt.Sprintf("%s=%d", l, counts[k]))
			}
		}
	}
	if snap := r.Snapshot(); snap != nil && snap.AppsAreUsers {
		// No application names (MySQL without performance_schema): the
		// breakdown that means something is per user.
		counted("user", "user", r.ByUser)
	} else {
		counted("app", "application", r.ByApplication)
		for _, b := range r.Budgets {
			if b.By == "user" {
				p = append(p, fmt.Sprintf("%s=%d;;%d;0", label(prefix+"user_"+b.App), b.Actual, b.Limit))
			}
		}
	}
	if r.OldestIdle != nil {
		w := ""
		if o.IdleOlder > 0 {
			w = fmt.Sprintf("%d", int(o.IdleOlder.Seconds()))
		}
		p = append(p, fmt.Sprintf("%s=%.0fs;%s;;0", label(prefix+"oldest_idle"), r.OldestIdle.Seconds, w))
	}
	if r.OldestIdleTxn != nil {
		c := ""
		if o.IdleTxnOlder > 0 {
			c = fmt.Sprintf("%d", int(o.IdleTxnOlder.Seconds()))
		}
		p = append(p, fmt.Sprintf("%s=%.0fs;;%s;0", label(prefix+"oldest_idle_in_txn"), r.OldestIdleTxn.Seconds, c))
	}
	if v, ok := r.Extra["cl_waiting"]; ok {
		p = append(p, fmt.Sprintf("%s=%.0f;;0;0", label(prefix+"cl_waiting"), v))
	}
	if v, ok := r.Extra["rejected_connections"]; ok {
		p = append(p, fmt.Sprintf("%s=%.0fc", label(prefix+"rejected_connections"), v))
	}
	return strings.Join(p, " ")
}

// perfPrefix is the result's label in multi-target perfdata, with "_".
func (r *Result) perfPrefix() string {
	l := r.label
	if l == "" {
		l = sanitizeLabel(r.Target)
	}
	return l + "_"
}

func label(s string) string {
	if strings.ContainsAny(s, " '=") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// byCount orders keys by count, largest first.
func byCount(m map[string]int) []string {
	ks := sortedKeys(m)
	sort.SliceStable(ks, func(i, j int) bool { return m[ks[i]] > m[ks[j]] })
	return ks
}

const maxRows = 15

// WriteText writes a readable report of one result.
func WriteText(w io.Writer, r *Result, h *History) {
	fmt.Fprintf(w, "%s  %s %s  %s\n", r.Target, r.Engine, r.ServerVersion, r.Status)
	if r.Error != "" {
		fmt.Fprintf(w, "  %s\n", r.Error)
		return
	}
	slots := fmt.Sprintf("max_connections %d - %d reserved", r.MaxConnections, r.Reserved)
	if adminSlotOnTop(r.MaxConnections, r.Reserved, r.Capacity) {
		slots = fmt.Sprintf("max_connections %d, +%d reserved for admins", r.MaxConnections, r.Reserved)
	}
	fmt.Fprintf(w, "  capacity %d (%s)   used %d (%.1f%%)   free %d\n",
		r.Capacity, slots, r.Used, r.UsedPercent, r.Capacity-r.Used)
	if r.Self != nil {
		fmt.Fprintf(w, "  own session excluded: pid %s (%s)\n", pidText(r.Self.PID), r.Self.Application)
	}
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	section := func(title string, m map[string]int) {
		if len(m) == 0 {
			return
		}
		fmt.Fprintf(tw, "\n  %s\tCOUNT\n", title)
		for i, k := range byCount(m) {
			if i == maxRows {
				fmt.Fprintf(tw, "  (%d more)\t\n", len(m)-maxRows)
				break
			}
			fmt.Fprintf(tw, "  %s\t%d\n", orDash(k), m[k])
		}
	}
	section("STATE", r.ByState)
	tw.Flush()

	snap := r.Snapshot()
	if len(r.ByApplication) > 0 || len(r.Budgets) > 0 {
		budget := map[string]string{}
		for _, b := range r.Budgets {
			if b.By == "application" {
				budget[b.App] = fmt.Sprintf("%d", b.Limit)
			}
		}
		fmt.Fprintf(tw, "\n  APPLICATION\tTOTAL\tACTIVE\tBUDGET\tTREND\n")
		for i, k := range byCount(r.ByApplication) {
			if i == maxRows {
				fmt.Fprintf(tw, "  (%d more)\t\t\t\t\n", len(r.ByApplication)-maxRows)
				break
			}
			active := 0
			if snap != nil {
				active = snap.ActiveByApplication[k]
			}
			trend := ""
			if h != nil {
				trend = h.Trend(r.Target, k)
			}
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t%s\n", orDash(k), r.ByApplication[k], active, orDash(budget[k]), trend)
		}
		tw.Flush()
	}
	section("DATABASE", r.ByDatabase)
	section("USER", r.ByUser)
	section("CLIENT", r.ByClientAddr)
	tw.Flush()

	if len(r.Pools) > 0 {
		fmt.Fprintf(tw, "\n  POOL\tMODE\tCL_ACTIVE\tCL_WAITING\tMAXWAIT\tSERVER\tPOOL_SIZE\n")
		for _, p := range r.Pools {
			fmt.Fprintf(tw, "  %s/%s\t%s\t%d\t%d\t%.1fs\t%d\t%d\n", p.Database, p.User, p.Mode, p.ClActive, p.ClWaiting, p.MaxWait, p.ServerConns, p.PoolSize)
		}
		tw.Flush()
	}
	if len(r.Limits) > 0 {
		fmt.Fprintf(tw, "\n  LIMIT\tNAME\tHELD\tLIMIT\n")
		for _, l := range r.Limits {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\n", l.Kind, l.Name, l.Actual, l.Limit)
		}
		tw.Flush()
	}
	fmt.Fprintln(w)
	if r.OldestIdle != nil {
		fmt.Fprintf(w, "  oldest idle:                pid %s user=%s app=%s client=%s for %s\n", pidText(r.OldestIdle.PID), orDash(r.OldestIdle.User), orDash(r.OldestIdle.Application), orDash(r.OldestIdle.Client), Age(r.OldestIdle.Seconds))
	}
	if r.OldestIdleTxn != nil {
		fmt.Fprintf(w, "  oldest idle in transaction: pid %s user=%s app=%s client=%s %s for %s\n", pidText(r.OldestIdleTxn.PID), orDash(r.OldestIdleTxn.User), orDash(r.OldestIdleTxn.Application), orDash(r.OldestIdleTxn.Client), r.OldestIdleTxn.State, Age(r.OldestIdleTxn.Seconds))
	}
	if len(r.Idle) > 0 {
		fmt.Fprintf(tw, "\n  IDLE PID\tUSER\tAPPLICATION\tCLIENT\tSTATE\tAGE\n")
		for i, s := range r.Idle {
			if i == maxRows {
				fmt.Fprintf(tw, "  (%d more)\t\t\t\t\t\n", len(r.Idle)-maxRows)
				break
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", pidText(s.PID), orDash(s.User), orDash(s.Application), orDash(s.Client), s.State, Age(s.Seconds))
		}
		tw.Flush()
	}
	fmt.Fprintf(tw, "\n  CHECK\tSTATUS\tMESSAGE\n")
	for _, c := range r.Checks {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Name, c.Status, c.Message)
	}
	tw.Flush()
}

// MarshalJSON writes the contract's object. A poll that failed knows
// nothing of the server's use: those fields are null, not a 0 or an empty
// map that would read as "no connections".
func (r *Result) MarshalJSON() ([]byte, error) {
	type plain Result
	if r.Error == "" {
		return json.Marshal((*plain)(r))
	}
	return json.Marshal(failedJSON{
		Status: r.Status, Target: r.Target, Engine: r.Engine,
		Budgets: r.Budgets, Checks: r.Checks, Self: r.Self, Extra: r.Extra,
		Error: r.Error, ErrorKind: r.ErrorKind, MissingGrant: r.MissingGrant,
		PollSeconds: r.PollSeconds, Time: r.Time,
	})
}

// failedJSON is Result's JSON object, field for field in the same order,
// with null for what a failed poll cannot know.
type failedJSON struct {
	Status         Status             `json:"status"`
	Target         string             `json:"target"`
	Engine         string             `json:"engine"`
	ServerVersion  *string            `json:"server_version"`
	MaxConnections *int               `json:"max_connections"`
	Reserved       *int               `json:"reserved"`
	Capacity       *int               `json:"capacity"`
	Used           *int               `json:"used"`
	UsedPercent    *float64           `json:"used_percent"`
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
}
