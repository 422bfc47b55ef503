package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/internal/pools"
	"github.com/connlint/connlint/live"
	"github.com/connlint/connlint/live/engine"
)

func init() {
	commands["pools"] = command{"capacity plan: every client's pool size, summed per application and server", runPools}
}

// Exit statuses of `connlint pools`.
const (
	poolsFits    = 0
	poolsExceeds = 1
	poolsUnsure  = 2
)

// appCounts is a repeatable APP=N flag.
type appCounts struct {
	flag string
	m    map[string]int
	min  int
}

func (a *appCounts) String() string {
	var parts []string
	for k, v := range a.m {
		parts = append(parts, k+"="+strconv.Itoa(v))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

func (a *appCounts) Set(v string) error {
	i := strings.LastIndex(v, "=")
	if i <= 0 {
		return fmt.Errorf("want APP=N")
	}
	n, err := strconv.Atoi(v[i+1:])
	if err != nil || n < a.min {
		return fmt.Errorf("%s: N must be a whole number, %d or more", v, a.min)
	}
	if _, dup := a.m[v[:i]]; dup {
		return fmt.Errorf("%s is given twice for %s", a.flag, v[:i])
	}
	a.m[v[:i]] = n
	return nil
}

type poolsOptions struct {
	format, config, tags, dsn, server string
	cpus, workers                     int
	maxConns, reserved                int
	surge                             bool
	replicas, processes               appCounts
	timeout                           time.Duration
}

func poolsFlags(o *poolsOptions) *flag.FlagSet {
	fs := flag.NewFlagSet("connlint pools", flag.ContinueOnError)
	o.replicas = appCounts{flag: "--replicas", m: map[string]int{}}
	o.processes = appCounts{flag: "--processes", m: map[string]int{}, min: 1}
	fs.StringVar(&o.format, "format", "text", "output: text, json (the plan connlint live --plan reads) or markdown")
	fs.StringVar(&o.config, "config", "", "config file (default: nearest .connlint.yml upward from the working directory)")
	fs.StringVar(&o.tags, "tags", "", "Go build tags, comma-separated")
	fs.IntVar(&o.cpus, "cpus", 0, "CPUs of each host, for CPU-dependent defaults (default: this machine's)")
	fs.Var(&o.replicas, "replicas", "`APP=N`: copies of the application running (repeatable)")
	fs.Var(&o.processes, "processes", "`APP=N`: processes per copy, e.g. cluster workers (repeatable)")
	fs.BoolVar(&o.surge, "surge", false, "double the totals: a rolling deploy runs old and new copies at once")
	fs.IntVar(&o.maxConns, "max-connections", 0, "the server's max_connections")
	fs.IntVar(&o.reserved, "reserved", -1, "slots ordinary clients cannot use (default: PostgreSQL's superuser_reserved_connections, 3; 0 elsewhere)")
	fs.StringVar(&o.dsn, "dsn", "", "read max_connections and the reserved slots from this server (postgres://, mysql://, redis://)")
	fs.StringVar(&o.server, "server", "", "the server kind the capacity is for: postgres, mysql, redis, mongodb (default: the DSN's, else the plan's SQL server)")
	fs.IntVar(&o.workers, "workers", 0, "parallel workers for TS/JS files (default: all cores)")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "with --dsn: connect and query timeout")
	return fs
}

func runPools(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var o poolsOptions
	fs := poolsFlags(&o)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: connlint pools [flags] [folder ...]

Lists every database client the code constructs (Go and TS/JS), the most
connections each can hold and where that number comes from, sums them per
application and per server, and compares the sum with the server's capacity.

exit status: 0 the plan fits, 1 it can exceed the capacity, 2 cannot tell
(unknown or unbounded pools, no capacity given) or could not run

flags:
`)
		fs.PrintDefaults()
	}
	patterns, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return poolsUnsure
	}
	if err := o.check(fs); err != nil {
		fmt.Fprintf(stderr, "connlint pools: %s\n", engine.Redact(err.Error()))
		return poolsUnsure
	}
	wd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "connlint pools: %v\n", err)
		return poolsUnsure
	}
	cfg, err := config.Discover(wd, o.config)
	if err != nil {
		fmt.Fprintf(stderr, "connlint pools: config: %v\n", err)
		return poolsUnsure
	}
	opts := pools.Options{WorkDir: wd, Patterns: patterns, Tags: o.tags, Config: cfg, Workers: o.workers,
		CPUs: o.cpus, Replicas: o.replicas.m, Processes: o.processes.m, Surge: o.surge, Server: o.server}
	if o.dsn != "" {
		if err := capacityFromDSN(ctx, o.dsn, o.timeout, &opts); err != nil {
			fmt.Fprintf(stderr, "connlint pools: %v\n", err)
			return poolsUnsure
		}
	} else if o.maxConns > 0 {
		mc := o.maxConns
		opts.MaxConnections = &mc
		opts.Reserved = o.reserved
		if o.reserved < 0 {
			opts.Reserved = defaultReserved(o.server)
		}
		opts.CapacitySource = fmt.Sprintf("--max-connections %d --reserved %d", mc, opts.Reserved)
		if o.reserved < 0 {
			opts.CapacitySource = fmt.Sprintf("--max-connections %d, reserved %d (%s's default)", mc, opts.Reserved, serverOrPostgres(o.server))
		}
	}
	plan, err := pools.Run(ctx, opts)
	if err != nil {
		fmt.Fprintf(stderr, "connlint pools: %v\n", err)
		return poolsUnsure
	}
	switch o.format {
	case "json":
		err = pools.WriteJSON(stdout, plan)
	case "markdown":
		pools.WriteMarkdown(stdout, plan)
	default:
		pools.WriteText(stdout, plan)
	}
	if err != nil {
		fmt.Fprintf(stderr, "connlint pools: %v\n", err)
		return poolsUnsure
	}
	switch plan.Verdict {
	case pools.Fits:
		return poolsFits
	case pools.Exceeds:
		return poolsExceeds
	}
	return poolsUnsure
}

func (o *poolsOptions) check(fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case o.format != "text" && o.format != "json" && o.format != "markdown":
		return fmt.Errorf("--format %q: want text, json or markdown", o.format)
	case set["cpus"] && o.cpus < 1:
		return fmt.Errorf("--cpus %d: want 1 or more", o.cpus)
	case set["max-connections"] && o.maxConns < 1:
		return fmt.Errorf("--max-connections %d: want 1 or more", o.maxConns)
	case set["reserved"] && o.reserved < 0:
		return fmt.Errorf("--reserved %d: want 0 or more", o.reserved)
	case set["reserved"] && !set["max-connections"]:
		return fmt.Errorf("--reserved needs --max-connections")
	case set["max-connections"] && o.reserved >= o.maxConns:
		return fmt.Errorf("--reserved %d leaves no slot of --max-connections %d", o.reserved, o.maxConns)
	case o.dsn != "" && set["max-connections"]:
		return fmt.Errorf("--dsn and --max-connections: give one (the DSN's server says its max_connections)")
	case set["timeout"] && o.dsn == "":
		return fmt.Errorf("--timeout needs --dsn")
	}
	switch o.server {
	case "", "postgres", "mysql", "redis", "mongodb", "sqlserver":
	default:
		return fmt.Errorf("--server %q: want postgres, mysql, redis, mongodb or sqlserver", o.server)
	}
	return nil
}

func defaultReserved(server string) int {
	if server == "" || server == "postgres" {
		return 3
	}
	return 0
}

func serverOrPostgres(s string) string {
	if s == "" {
		return "postgres"
	}
	return s
}

// capacityFromDSN reads max_connections and the reserved slots from a
// live server, through connlint live's engines. The password never
// reaches an output.
func capacityFromDSN(ctx context.Context, dsn string, timeout time.Duration, opts *pools.Options) error {
	t, err := live.ParseTarget(dsn, timeout)
	if err != nil {
		return err
	}
	defer t.Engine.Close()
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	snap, err := t.Engine.Snapshot(pctx)
	if err != nil {
		return fmt.Errorf("--dsn %s: %s", t.Display(), engine.Scrub(engine.Redact(err.Error()), engine.Secrets(dsn)...))
	}
	kind := snap.Engine
	if kind == "pgbouncer" {
		return fmt.Errorf("--dsn %s: a PgBouncer admin console: give the PostgreSQL server behind it (the pools' connections end there)", t.Display())
	}
	if opts.Server != "" && opts.Server != kind {
		return fmt.Errorf("--server %s but --dsn is a %s server", opts.Server, kind)
	}
	opts.Server = kind
	mc, capacity := snap.MaxConnections, snap.Capacity
	opts.MaxConnections, opts.Reserved, opts.Capacity = &mc, snap.Reserved, &capacity
	opts.CapacitySource = "--dsn " + t.Display()
	return nil
}
