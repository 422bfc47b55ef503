// Package live is the runtime half of connlint: it connects to running
// PostgreSQL, MySQL/MariaDB, PgBouncer and Redis servers and checks their
// connection counts against capacity, thresholds and per-application
// budgets, as a Nagios plugin, a CI check, a watch screen or a Prometheus
// exporter (`connlint live`), and ends idle sessions (`connlint live
// terminate`).
package live

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/connlint/connlint/live/engine"
)

// Exit codes follow the Nagios plugin convention.
const (
	ExitOK       = 0
	ExitWarning  = 1
	ExitCritical = 2
	ExitUnknown  = 3
)

const usage = `usage:
  connlint live --dsn URL [--dsn URL ...] [flags]
  connlint live terminate --dsn URL --idle-older 10m [filters] [--execute]

URL schemes: postgres:// postgresql:// mysql:// pgbouncer:// (admin console) redis:// rediss://
A DSN may be named: --dsn orders=postgres://... ; with no --dsn, CONNLINT_DSN is read
(keeps passwords off the command line).

exit status (Nagios): 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN

flags:
`

// stringList is a repeatable flag; comma separates values where split is set.
type stringList struct {
	vals  []string
	split bool
}

func (s *stringList) String() string { return strings.Join(s.vals, ",") }
func (s *stringList) Set(v string) error {
	if s.split {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				s.vals = append(s.vals, p)
			}
		}
		return nil
	}
	s.vals = append(s.vals, v)
	return nil
}

// Main runs `connlint live ...`. args are the arguments after "live"
// (so args[0] may be "terminate"). It returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "terminate" {
		return terminateMain(ctx, args[1:], stdout, stderr)
	}
	return checkMain(ctx, args, stdout, stderr)
}

type checkFlags struct {
	dsns         stringList
	warn, crit   string
	budgets      stringList
	idleOlder    time.Duration
	idleTxnOlder time.Duration
	format       string
	watch        time.Duration
	count        int
	leakSamples  int
	listen       string
	timeout      time.Duration
	plan         string
	planApps     stringList
}

func checkMain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var f checkFlags
	fs := flag.NewFlagSet("connlint live", flag.ContinueOnError)
	fs.SetOutput(redactingWriter{stderr})
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	fs.Var(&f.dsns, "dsn", "target URL (repeatable; `[NAME=]URL`)")
	fs.StringVar(&f.warn, "warn", "80%", "WARNING threshold: percent of capacity (80%), connections (120) or remaining slots (-5)")
	fs.StringVar(&f.crit, "crit", "95%", "CRITICAL threshold, same forms as --warn")
	fs.Var(&f.budgets, "budget", "`APP=N`: application_name APP may hold at most N connections (user:NAME=N for a user; repeatable)")
	fs.DurationVar(&f.idleOlder, "idle-older", 0, "WARNING for client sessions idle (or idle in transaction) longer than this, and list them")
	fs.DurationVar(&f.idleTxnOlder, "idle-txn-older", 0, "CRITICAL for sessions idle in a transaction (aborted or not) longer than this")
	fs.StringVar(&f.format, "format", "text", "output: text, json, nagios or prometheus")
	fs.DurationVar(&f.watch, "watch", 0, "poll every interval, redraw, and alert on leaks (monotonic growth of idle connections)")
	fs.IntVar(&f.count, "count", 0, "with --watch: stop after this many polls (0: until interrupted)")
	fs.IntVar(&f.leakSamples, "leak-samples", 6, "with --watch/--listen: samples a growth must span to count as a leak (at least 3)")
	fs.StringVar(&f.listen, "listen", "", "serve Prometheus /metrics and /probe?target= on this address (e.g. :9187)")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "connect and poll timeout per target")
	fs.StringVar(&f.plan, "plan", "", "capacity plan (connlint pools --format json): each application's budget is what its pools allow")
	fs.Var(&f.planApps, "plan-app", "`APP=app:NAME` or APP=user:NAME: which live connections are the plan's application APP (repeatable)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUnknown
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "connlint live: unexpected argument %q\n", engine.RedactDSN(fs.Arg(0)))
		fs.Usage()
		return ExitUnknown
	}
	opts, err := f.options(setFlags(fs))
	if err != nil {
		fmt.Fprintf(stderr, "connlint live: %v\n", engine.Redact(err.Error()))
		return ExitUnknown
	}
	dsns := f.dsns.vals
	if len(dsns) == 0 {
		dsns = strings.Fields(os.Getenv("CONNLINT_DSN"))
	}
	if len(dsns) == 0 {
		fmt.Fprintln(stderr, "connlint live: no target: give --dsn URL (or set CONNLINT_DSN)")
		fs.Usage()
		return ExitUnknown
	}
	ts := buildTargets(dsns, f.timeout)
	defer ts.close()
	if err := ts.distinct(); err != nil {
		fmt.Fprintf(stderr, "connlint live: %v\n", err)
		return ExitUnknown
	}

	if f.listen != "" {
		return serve(ctx, f.listen, ts, opts, f, stderr)
	}
	if f.watch > 0 {
		return watch(ctx, ts, opts, f, stdout)
	}
	rs := ts.poll(ctx, opts, f.timeout)
	if err := write(stdout, f.format, rs, opts, nil); err != nil {
		fmt.Fprintf(stderr, "connlint live: %v\n", err)
		return ExitUnknown
	}
	return int(Overall(rs))
}

// targets are the configured targets; a DSN that could not be parsed is
// kept as an error so the output still reports it (UNKNOWN).
type targets struct {
	list []*Target
	errs map[int]error
	args []string
}

func buildTargets(dsns []string, timeout time.Duration) *targets {
	ts := &targets{errs: map[int]error{}, args: dsns}
	for i, d := range dsns {
		t, err := ParseTarget(d, timeout)
		if err != nil {
			ts.errs[i] = &engine.Error{Kind: engine.Config, Msg: err.Error()}
			name, dsn := splitName(d)
			t = &Target{Name: name, dsn: dsn, secret: engine.Secrets(dsn), Scheme: schemeOf(dsn)}
			if t.Name == "" {
				t.Name = t.Display()
			}
		}
		ts.list = append(ts.list, t)
	}
	ts.labelTargets()
	return ts
}

// labelTargets gives every target its perfdata label, unique among the
// targets: a label two targets would share gets _2, _3, ... on the later
// ones, in --dsn order.
func (ts *targets) labelTargets() {
	used := map[string]bool{}
	for _, t := range ts.list {
		base := t.perfLabel(t.Name != t.Display())
		l := base
		for n := 2; used[l]; n++ {
			l = fmt.Sprintf("%s_%d", base, n)
		}
		used[l] = true
		t.label = l
	}
}

// distinct rejects two targets with one name: their output, metrics and
// /probe?target= could not be told apart.
func (ts *targets) distinct() error {
	seen := map[string]int{}
	for i, t := range ts.list {
		j, dup := seen[t.Name]
		switch {
		case dup && ts.args[i] == ts.args[j]:
			return fmt.Errorf("--dsn %s is given twice", t.Name)
		case dup:
			return fmt.Errorf("two targets are named %s: name them with --dsn NAME=URL", t.Name)
		}
		seen[t.Name] = i
	}
	return nil
}

func schemeOf(d string) string {
	if i := strings.Index(d, "://"); i > 0 {
		s := d[:i]
		if j := strings.Index(s, "="); j >= 0 {
			s = s[j+1:]
		}
		return strings.ToLower(s)
	}
	return "unknown"
}

func (ts *targets) close() {
	for _, t := range ts.list {
		if t.Engine != nil {
			t.Engine.Close()
		}
	}
}

// pollOne polls one target and evaluates it.
func (ts *targets) pollOne(ctx context.Context, i int, opts Options, timeout time.Duration) *Result {
	t := ts.list[i]
	if err := ts.errs[i]; err != nil {
		return t.fail(kindOf(t.Scheme), err)
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	snap, err := t.Engine.Snapshot(pctx)
	if err != nil {
		return t.fail(t.Engine.Kind(), err)
	}
	r := Evaluate(t.Name, snap, opts)
	r.label = t.label
	return r
}

// poll polls every target at once (each over its own single connection).
func (ts *targets) poll(ctx context.Context, opts Options, timeout time.Duration) []*Result {
	rs := make([]*Result, len(ts.list))
	var wg sync.WaitGroup
	for i := range ts.list {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			rs[i] = ts.pollOne(ctx, i, opts, timeout)
		}(i)
	}
	wg.Wait()
	return rs
}

func write(w io.Writer, format string, rs []*Result, opts Options, h *History) error {
	switch format {
	case "json":
		for _, r := range rs {
			if err := WriteJSON(w, r); err != nil {
				return err
			}
		}
	case "nagios":
		return WriteNagios(w, rs, opts)
	case "prometheus":
		return WritePrometheus(w, rs, h)
	default:
		for i, r := range rs {
			if i > 0 {
				fmt.Fprintln(w)
			}
			WriteText(w, r, h)
		}
	}
	return nil
}

// watch polls every interval over the same connections, keeps a short
// history per application and adds leak alerts.
func watch(ctx context.Context, ts *targets, opts Options, f checkFlags, w io.Writer) int {
	wt := newWatcher(ts, opts, f.timeout, f.leakSamples)
	h := wt.hist
	tty := isTerminal(w)
	last := OK
	for n := 1; ; n++ {
		start := time.Now()
		rs := wt.poll(ctx)
		last = Overall(rs)
		if f.format == "text" {
			if tty {
				fmt.Fprint(w, "\x1b[H\x1b[2J")
			} else if n > 1 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "connlint live  every %s  poll %d  %s  %s\n\n", f.watch, n, time.Now().Format("15:04:05"), last)
		}
		write(w, f.format, rs, opts, h)
		if f.count > 0 && n >= f.count {
			return int(last)
		}
		select {
		case <-ctx.Done():
			return int(last)
		case <-time.After(f.watch - time.Since(start)):
		}
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// watcher is one poll of every target plus the history the leak alert
// needs; --watch runs it on a timer.
type watcher struct {
	ts      *targets
	opts    Options
	timeout time.Duration
	hist    *History
}

func newWatcher(ts *targets, opts Options, timeout time.Duration, leakSamples int) *watcher {
	return &watcher{ts: ts, opts: opts, timeout: timeout, hist: NewHistory(leakSamples)}
}

func (w *watcher) poll(ctx context.Context) []*Result {
	rs := w.ts.poll(ctx, w.opts, w.timeout)
	for _, r := range rs {
		w.hist.Observe(r)
	}
	return rs
}
