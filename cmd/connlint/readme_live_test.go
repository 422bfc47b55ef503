package main

// Tests of README.md's `connlint live` snippets, run against real servers:
// the throwaway PostgreSQL cluster (and PgBouncer) that live/livetest
// starts, and the machine's MariaDB and Redis. The README's hosts (db1,
// db2, cache1) are replaced by those servers; everything else is run as
// written unless a comment says what is changed and why. Without a server a
// test skips with the reason (fails under CONNLINT_REQUIRE_DB=1).

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"go.yaml.in/yaml/v3"

	"github.com/connlint/connlint/live"
	"github.com/connlint/connlint/live/engine"
	"github.com/connlint/connlint/live/livetest"
)

// readmePG is one throwaway cluster for the README's live tests:
// max_connections 40, 3 reserved for superusers, so 37 usable.
var readmePG = livetest.SharedPG{Options: livetest.PGOptions{MaxConnections: 40, SuperuserReserved: 3}}

// cleanPG returns the cluster with no client but the harness's helper.
func cleanPG(t *testing.T) *livetest.PG {
	t.Helper()
	pg := readmePG.Get(t)
	pg.TerminateOthers(t)
	return pg
}

// pgRole creates a login role (dropped when the test ends, its sessions
// ended first). extra is appended to CREATE ROLE (IN ROLE pg_monitor, ...).
func pgRole(t *testing.T, pg *livetest.PG, name, extra string) {
	t.Helper()
	dropPGRoles(t, pg, name)
	pg.Exec(t, "CREATE ROLE "+name+" LOGIN "+extra)
	t.Cleanup(func() { dropPGRoles(t, pg, name) })
}

func dropPGRoles(t *testing.T, pg *livetest.PG, names ...string) {
	t.Helper()
	for _, n := range names {
		pg.Exec(t, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", n)
		for deadline := time.Now().Add(20 * time.Second); ; {
			if left := pg.Query(t, "SELECT count(*) FROM pg_stat_activity WHERE usename = $1", n); left[0] == "0" || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		pg.Exec(t, "DROP ROLE IF EXISTS "+n)
	}
}

// liveResult is the part of `connlint live --format json`'s object the
// tests read.
type liveResult struct {
	Status        string            `json:"status"`
	Engine        string            `json:"engine"`
	Capacity      int               `json:"capacity"`
	Used          int               `json:"used"`
	ByState       map[string]int    `json:"by_state"`
	ByApplication map[string]int    `json:"by_application"`
	ByUser        map[string]int    `json:"by_user"`
	ByClientAddr  map[string]int    `json:"by_client_addr"`
	Budgets       []liveBudget      `json:"budgets"`
	Checks        []liveCheck       `json:"checks"`
	Pools         []json.RawMessage `json:"pools"`
	Self          *engine.Session   `json:"self"`
	MissingGrant  string            `json:"missing_grant"`
}

type liveBudget struct {
	App    string `json:"app"`
	By     string `json:"by"`
	Limit  int    `json:"limit"`
	Actual int    `json:"actual"`
	Status string `json:"status"`
}

type liveCheck struct {
	Name    string `json:"name"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

// liveJSON decodes one `connlint live --format json` object.
// terminateJSON decodes `connlint live terminate --format json` and
// counts the sessions it terminated.
func terminateJSON(t *testing.T, out, stderr string) (rep live.TerminateReport, done int) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s%s", err, out, stderr)
	}
	for _, s := range rep.Sessions {
		if s.Done {
			done++
		}
	}
	return rep, done
}

func liveJSON(t *testing.T, out string) (map[string]any, *liveResult) {
	t.Helper()
	var m map[string]any
	var r liveResult
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return m, &r
}

// statusCode is the exit status a status gives (Nagios).
func statusCode(s string) int {
	return map[string]int{"OK": 0, "WARNING": 1, "CRITICAL": 2, "UNKNOWN": 3}[s]
}

// TestReadmeLiveQuickstart runs the quick start's six commands against the
// four engines.
func TestReadmeLiveQuickstart(t *testing.T) {
	lines := shellCommands(snippet(t, "live-quickstart").Code)
	if len(lines) != 6 {
		t.Fatalf("live-quickstart: %d commands, want 6", len(lines))
	}
	pg := cleanPG(t)
	pgRole(t, pg, "connlint", "IN ROLE pg_monitor")
	pg.Open(t, 2, "postgres", "postgres", "orders", "")
	b, err := livetest.StartPgBouncer(pg, livetest.BouncerOptions{StatsUsers: []string{pgbouncerStatsUser(t)}})
	if err != nil {
		livetest.Unavailable(t, "PgBouncer: %v", err)
	}
	t.Cleanup(b.Stop)
	m := livetest.MySQLServer(t)
	const myPass = "Qs-rd-9pass"
	myUser := m.User(t, "connlint_qs", myPass, "PROCESS")
	r := livetest.RedisServer(t)

	// DSNs go in single quotes: the test's carry a query string (&).
	hosts := strings.NewReplacer(
		"postgres://connlint@db1:5432/postgres", quote(pg.DSN("connlint", "postgres", "")),
		"postgres://connlint@db1/postgres", quote(pg.DSN("connlint", "postgres", "")),
		"postgres://admin@db1/postgres", quote(pg.DSN("postgres", "postgres", "")),
		// The README's user is connlint; on the shared MariaDB the test's
		// user has a name of its own (and a password).
		"mysql://connlint@db2:3306/", quote(m.URL(myUser, myPass)),
		"pgbouncer://connlint@db1:6432/pgbouncer", quote(b.URL("connlint")),
		"redis://cache1:6379/0", quote(r.URL()),
	)
	bin, dir := binDir(t), t.TempDir()
	for i, line := range lines {
		cmd := hosts.Replace(line)
		if cmd == line {
			t.Fatalf("line %d names no host the test knows: %s", i+1, line)
		}
		if strings.Contains(cmd, "--watch") {
			out, code := runUntilFirstScreen(t, bin, uncomment(cmd))
			if code != 0 || !strings.Contains(out, "poll 1") || !strings.Contains(out, "pgbouncer") {
				t.Errorf("%s: exit %d after Ctrl-C, want 0 and the first screen\n%s", line, code, out)
			}
			continue
		}
		out, stderr, code := shellSplit(t, dir, bin, cmd)
		if strings.Contains(out+stderr, myPass) {
			t.Errorf("a password is in the output of %s", line)
		}
		switch i {
		case 0:
			if code != 0 || !strings.Contains(out, "capacity 37 (max_connections 40 - 3 reserved)") || !regexp.MustCompile(`(?m)^\s+orders\s+2\s`).MatchString(out) {
				t.Errorf("%s: exit %d, want 0 and the table\n%s%s", line, code, out, stderr)
			}
		case 1:
			if code != 0 || !strings.HasPrefix(out, "CONNLINT POSTGRES OK - ") || strings.Count(out, "\n") != 1 {
				t.Errorf("%s: exit %d, want 0 and one Nagios line\n%s%s", line, code, out, stderr)
			}
		case 2:
			_, res := liveJSON(t, out)
			if res.Engine != "mysql" || res.MissingGrant != "" || code != statusCode(res.Status) || len(res.Budgets) != 1 ||
				res.Budgets[0].App != "shop" || res.Budgets[0].By != "user" || res.Budgets[0].Limit != 40 {
				t.Errorf("%s: exit %d, %+v\n%s", line, code, res, stderr)
			}
		case 4:
			if code != 0 || !strings.Contains(out, "redis") || !strings.Contains(out, "OK") {
				t.Errorf("%s: exit %d, want 0\n%s%s", line, code, out, stderr)
			}
		case 5:
			if code != 0 || !strings.Contains(out, "dry run, would terminate 0 client sessions idle at least 30m0s") {
				t.Errorf("%s: exit %d\n%s%s", line, code, out, stderr)
			}
		}
	}
}

// quote makes s one shell word.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// runUntilFirstScreen starts a watch command, waits for its first screen
// and interrupts it as Ctrl-C would.
func runUntilFirstScreen(t *testing.T, bin, cmdline string) (string, int) {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-c", "exec "+cmdline)
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	screen := regexp.MustCompile(`(?m)^\s+capacity\s+(OK|WARNING|CRITICAL|UNKNOWN)\s`)
	for deadline := time.Now().Add(30 * time.Second); !screen.MatchString(out.String()) && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	}
	return out.String(), code
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// liveOutputOptions reads the options of the output example's two command
// lines, which must differ only in --format.
func liveOutputOptions(t *testing.T) (dsn string, o live.Options, formats []string) {
	t.Helper()
	lines := shellCommands(snippet(t, "live-output-run").Code)
	if len(lines) != 2 {
		t.Fatalf("live-output-run: %q", lines)
	}
	var rest []string
	for _, l := range lines {
		f := strings.Fields(l)
		if len(f) < 2 || f[0] != "connlint" || f[1] != "live" || f[len(f)-2] != "--format" {
			t.Fatalf("live-output-run line %q", l)
		}
		formats = append(formats, f[len(f)-1])
		rest = append(rest, strings.Join(f[:len(f)-2], " "))
	}
	if rest[0] != rest[1] || !slices.Equal(formats, []string{"json", "nagios"}) {
		t.Fatalf("the two lines must differ only in --format json / nagios: %q", lines)
	}
	f := strings.Fields(rest[0])[2:]
	var err error
	o.Warn, _ = live.ParseThreshold("80%") // the defaults
	o.Crit, _ = live.ParseThreshold("95%")
	for i := 0; i+1 < len(f); i += 2 {
		switch f[i] {
		case "--dsn":
			dsn = f[i+1]
		case "--budget":
			b, err := live.ParseBudget(f[i+1])
			if err != nil {
				t.Fatal(err)
			}
			o.Budgets = append(o.Budgets, b)
		case "--idle-older":
			if o.IdleOlder, err = time.ParseDuration(f[i+1]); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("live-output-run: flag %s: teach the test what it means", f[i])
		}
	}
	return dsn, o, formats
}

// TestReadmeLiveOutput: the README's JSON and Nagios examples are what
// connlint writes for the poll the README describes (the snapshot below,
// evaluated and written by the live package with the options of the
// README's command lines); and the same command lines against a real
// server write the same fields and perfdata shape.
func TestReadmeLiveOutput(t *testing.T) {
	dsn, opts, _ := liveOutputOptions(t)
	snap := &engine.Snapshot{
		Engine: "postgres", ServerVersion: "17.2", MaxConnections: 100, Reserved: 3, Capacity: 97, Used: 81,
		ByState:       map[string]int{"idle": 70, "active": 9, "idle in transaction": 2},
		ByApplication: map[string]int{"orders": 50, "billing": 31},
		ByDatabase:    map[string]int{"shop": 81},
		ByUser:        map[string]int{"app": 81},
		ByClientAddr:  map[string]int{"10.0.0.7": 50, "10.0.0.8": 31},
		Sessions: []engine.Session{
			{PID: 4711, User: "app", Application: "billing", Database: "shop", Client: "10.0.0.8", State: "idle in transaction", Seconds: 912.4, XactSeconds: 915.2},
			{PID: 4702, User: "app", Application: "orders", Database: "shop", Client: "10.0.0.7", State: "idle", Seconds: 431},
		},
		Self:  &engine.Session{PID: 4800, User: "connlint", Application: "connlint", Database: "postgres", Client: "10.0.0.2", State: "active"},
		Extra: map[string]float64{"reserved_connections": 0, "server_version_num": 170002, "superuser_reserved_connections": 3},
		Took:  4100 * time.Microsecond,
	}
	res := live.Evaluate(dsn, snap, opts)
	res.Time = time.Date(2026, 11, 25, 21, 50, 19, 0, time.UTC)
	var line, indented bytes.Buffer
	if err := live.WriteJSON(&line, res); err != nil {
		t.Fatal(err)
	}
	if err := json.Indent(&indented, line.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	readmeJSON := snippet(t, "live-json").Code
	if got := indented.String(); got != readmeJSON {
		t.Errorf("the README's JSON is not what connlint writes for its example; connlint writes (indented):\n%s", got)
	}
	var nagios bytes.Buffer
	if err := live.WriteNagios(&nagios, []*live.Result{res}, opts); err != nil {
		t.Fatal(err)
	}
	if got := nagios.String(); got != snippet(t, "live-nagios").Code {
		t.Errorf("the README's Nagios line is not what connlint writes for its example; connlint writes:\n%s", got)
	}

	// The contract's fields are all in the example.
	var example map[string]any
	if err := json.Unmarshal([]byte(readmeJSON), &example); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"status", "engine", "server_version", "max_connections", "reserved", "capacity",
		"used", "used_percent", "by_state", "by_application", "by_database", "by_user", "by_client_addr", "idle", "budgets", "checks"} {
		if _, ok := example[f]; !ok {
			t.Errorf("the README's JSON lacks the contract's field %q", f)
		}
	}

	// The same command lines against a real server.
	pg := cleanPG(t)
	pgRole(t, pg, "connlint", "IN ROLE pg_monitor")
	pg.Open(t, 3, "postgres", "postgres", "orders", "")
	pg.Open(t, 1, "postgres", "postgres", "billing", "")
	pg.Open(t, 1, "postgres", "postgres", "billing", "BEGIN")
	real := strings.NewReplacer(dsn, quote(pg.DSN("connlint", "postgres", "")))
	lines := shellCommands(snippet(t, "live-output-run").Code)
	bin, dir := binDir(t), t.TempDir()
	out, stderr, code := shellSplit(t, dir, bin, real.Replace(lines[0]))
	got, r := liveJSON(t, out)
	if code != 0 || r.Status != "OK" || r.Used != 6 || r.Capacity != 37 {
		t.Errorf("%s: exit %d, status %s, used %d of %d; want OK, 6 of 37\n%s", lines[0], code, r.Status, r.Used, r.Capacity, stderr)
	}
	if k1, k2 := slices.Sorted(mapKeys(example)), slices.Sorted(mapKeys(got)); !slices.Equal(k1, k2) {
		t.Errorf("the README's JSON has fields %v, a real run %v", k1, k2)
	}
	for _, f := range []string{"budgets", "checks"} {
		k1, k2 := slices.Sorted(mapKeys(example[f].([]any)[0].(map[string]any))), slices.Sorted(mapKeys(got[f].([]any)[0].(map[string]any)))
		if !slices.Equal(k1, k2) {
			t.Errorf("%s: the README's entries have %v, a real run's %v", f, k1, k2)
		}
	}
	if k1, k2 := slices.Sorted(mapKeys(example["oldest_idle_in_transaction"].(map[string]any))), slices.Sorted(mapKeys(got["oldest_idle_in_transaction"].(map[string]any))); !slices.Equal(k1, k2) {
		t.Errorf("sessions: the README's have %v, a real run's %v", k1, k2)
	}
	pg.WaitAppGone(t, "connlint")
	out, stderr, code = shellSplit(t, dir, bin, real.Replace(lines[1]))
	shape := regexp.MustCompile(`^CONNLINT POSTGRES OK - 6 of 37 usable connections in use \(16\.2%\), 31 free; max_connections 40, 3 reserved \(warn 80%, crit 95%\) \| ` +
		`used=6;30;36;0;37 used_pct=16\.2%;;;0;100 max_connections=40 state_idle=5 'state_idle in transaction'=1 app_billing=2 app_livetest-admin=1 app_orders=3;;60;0 oldest_idle=\d+s;600;;0 oldest_idle_in_txn=\d+s;;;0\n$`)
	if code != 0 || !shape.MatchString(out) {
		t.Errorf("%s: exit %d, want 0 and the README's shape:\n%s%s", lines[1], code, out, stderr)
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestReadmeNagiosAndIcinga expands the Nagios command line with the
// service's arguments, and the Icinga CheckCommand with its vars and the
// service's, the way the monitoring cores do, and runs the result.
func TestReadmeNagiosAndIcinga(t *testing.T) {
	pg := cleanPG(t)
	pgRole(t, pg, "connlint", "IN ROLE pg_monitor")
	pg.Open(t, 2, "postgres", "postgres", "orders", "")
	bin := binDir(t)
	const readmeBin = "/usr/local/bin/connlint"
	readmeDSN, realDSN := "postgres://connlint@db1/postgres", pg.DSN("connlint", "postgres", "")

	t.Run("nagios", func(t *testing.T) {
		cfg := snippet(t, "nagios-config").Code
		name := regexp.MustCompile(`(?m)^\s*command_name\s+(\S+)$`).FindStringSubmatch(cfg)
		line := regexp.MustCompile(`(?m)^\s*command_line\s+(.+)$`).FindStringSubmatch(cfg)
		check := regexp.MustCompile(`(?m)^\s*check_command\s+(\S+)$`).FindStringSubmatch(cfg)
		if name == nil || line == nil || check == nil {
			t.Fatalf("nagios-config: no command_name, command_line or check_command:\n%s", cfg)
		}
		parts := strings.Split(check[1], "!")
		if parts[0] != name[1] {
			t.Fatalf("the service checks %s, the command is %s", parts[0], name[1])
		}
		cmdline := line[1]
		for i, arg := range parts[1:] {
			cmdline = strings.ReplaceAll(cmdline, fmt.Sprintf("$ARG%d$", i+1), arg)
		}
		if strings.Contains(cmdline, "$") || !strings.HasPrefix(cmdline, readmeBin+" ") || !strings.Contains(cmdline, "'"+readmeDSN+"'") {
			t.Fatalf("expanded command line %q", cmdline)
		}
		cmdline = strings.NewReplacer(readmeBin, filepath.Join(bin, "connlint"), readmeDSN, realDSN).Replace(cmdline)
		// Nagios runs a command line holding quotes through /bin/sh.
		cmd := exec.Command("/bin/sh", "-c", cmdline)
		out, _ := cmd.Output()
		code := cmd.ProcessState.ExitCode()
		if code != 0 || !regexp.MustCompile(`^CONNLINT POSTGRES OK - .* \| used=\d+;30;36;0;37 .*\n$`).Match(out) {
			t.Errorf("%s: exit %d, want 0 and the plugin line\n%s", cmdline, code, out)
		}
	})

	t.Run("icinga", func(t *testing.T) {
		argv := icingaCommand(t, snippet(t, "icinga-config").Code)
		if argv[0] != readmeBin || !slices.Contains(argv, readmeDSN) {
			t.Fatalf("argv %q", argv)
		}
		want := []string{readmeBin, "live", "--format", "nagios", "--dsn", readmeDSN, "--warn", "80%", "--crit", "95%", "--budget", "orders=60", "--budget", "billing=40"}
		if !slices.Equal(argv, want) {
			t.Errorf("Icinga would run %q, the test expects %q", argv, want)
		}
		for i, a := range argv {
			argv[i] = strings.NewReplacer(readmeBin, filepath.Join(bin, "connlint"), readmeDSN, realDSN).Replace(a)
		}
		cmd := exec.Command(argv[0], argv[1:]...)
		out, _ := cmd.Output()
		code := cmd.ProcessState.ExitCode()
		if code != 0 || !strings.HasPrefix(string(out), "CONNLINT POSTGRES OK - ") || !strings.Contains(string(out), " app_orders=2;;60;0") {
			t.Errorf("%q: exit %d, want 0 with the budgets in the perfdata\n%s", argv, code, out)
		}
	})
}

// icingaCommand expands the README's CheckCommand for its Service as
// Icinga 2 does: the command array, then each argument whose value
// resolves (service vars over command vars), an array value repeating its
// key when repeat_key is set.
func icingaCommand(t *testing.T, cfg string) []string {
	t.Helper()
	objects := regexp.MustCompile(`(?ms)^object (\w+) "([^"]+)" \{\n(.*?)^\}`).FindAllStringSubmatch(cfg, -1)
	if len(objects) != 2 || objects[0][1] != "CheckCommand" || objects[1][1] != "Service" {
		t.Fatalf("icinga-config: want a CheckCommand and a Service:\n%s", cfg)
	}
	cmdName, cmdBody, svcBody := objects[0][2], objects[0][3], objects[1][3]
	quoted := regexp.MustCompile(`"([^"]*)"`)
	vars := map[string][]string{}
	readVars := func(body string) {
		for _, m := range regexp.MustCompile(`(?m)^\s*vars\.(\w+) = (.+)$`).FindAllStringSubmatch(body, -1) {
			var vals []string
			for _, q := range quoted.FindAllStringSubmatch(m[2], -1) {
				vals = append(vals, q[1])
			}
			vars[m[1]] = vals
		}
	}
	readVars(cmdBody)
	readVars(svcBody) // the service's vars win
	if m := regexp.MustCompile(`check_command = "([^"]+)"`).FindStringSubmatch(svcBody); m == nil || m[1] != cmdName {
		t.Fatalf("the Service does not check with %s", cmdName)
	}
	cmdArray := regexp.MustCompile(`command = \[(.*)\]`).FindStringSubmatch(cmdBody)
	if cmdArray == nil {
		t.Fatal("no command array")
	}
	var argv []string
	for _, q := range quoted.FindAllStringSubmatch(cmdArray[1], -1) {
		argv = append(argv, q[1])
	}
	args := regexp.MustCompile(`(?s)arguments = \{\n(.*?)\n\s*\}\n`).FindStringSubmatch(cmdBody)
	if args == nil {
		t.Fatal("no arguments block")
	}
	macro := regexp.MustCompile(`^\$(\w+)\$$`)
	for _, l := range strings.Split(args[1], "\n") {
		m := regexp.MustCompile(`^\s*"([^"]+)" = (.+)$`).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("argument line %q", l)
		}
		key, spec := m[1], m[2]
		repeat := strings.Contains(spec, "repeat_key = true")
		value := spec
		if v := regexp.MustCompile(`value = ("[^"]*")`).FindStringSubmatch(spec); v != nil {
			value = v[1]
		}
		mm := macro.FindStringSubmatch(strings.Trim(value, `"`))
		if mm == nil {
			t.Fatalf("argument %s: value %s is not a macro", key, value)
		}
		vals, ok := vars[mm[1]]
		if !ok {
			continue // unresolved: Icinga leaves the argument out
		}
		if len(vals) > 1 && !repeat {
			t.Fatalf("argument %s: an array value without repeat_key", key)
		}
		for _, v := range vals {
			argv = append(argv, key, v)
		}
	}
	return argv
}

// TestReadmeLiveCISmoke runs the smoke-test step twice: after a smoke test
// that stays within the budget it passes; after one that leaves 21
// connections of myapp open it fails with the budget CRITICAL.
func TestReadmeLiveCISmoke(t *testing.T) {
	step := snippet(t, "live-ci-smoke").Code
	lines := shellCommands(step)
	if len(lines) != 2 || lines[0] != "./run-smoke-test.sh" {
		t.Fatalf("live-ci-smoke: %q", lines)
	}
	pg := cleanPG(t)
	dir, bin := t.TempDir(), binDir(t)
	// The application's smoke test; here the test holds the connections
	// the application would.
	if err := os.WriteFile(filepath.Join(dir, "run-smoke-test.sh"), []byte("#!/bin/sh\necho smoke test passed\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := "DATABASE_URL=" + pg.DSN("postgres", "postgres", "")
	read := func() *liveResult {
		data, err := os.ReadFile(filepath.Join(dir, "connlint-live.json"))
		if err != nil {
			t.Fatal(err)
		}
		_, r := liveJSON(t, string(data))
		return r
	}

	out, code := shell(t, dir, bin, step, env)
	r := read()
	if code != 0 || r.Status != "OK" || len(r.Budgets) != 1 || r.Budgets[0].App != "myapp" || r.Budgets[0].Limit != 20 {
		t.Errorf("within budget: exit %d, %+v\n%s", code, r, out)
	}
	if !slices.ContainsFunc(r.Checks, func(c liveCheck) bool { return c.Name == "idle_in_transaction" && c.Status == "OK" }) {
		t.Errorf("no idle_in_transaction check: %+v", r.Checks)
	}

	pg.WaitAppGone(t, "connlint")
	pg.Open(t, 21, "postgres", "postgres", "myapp", "")
	out, code = shell(t, dir, bin, step, env)
	r = read()
	if code != 2 || r.Status != "CRITICAL" || r.Budgets[0].Actual != 21 || r.Budgets[0].Status != "CRITICAL" {
		t.Errorf("over budget: exit %d, want 2 (CRITICAL): %+v\n%s", code, r.Budgets, out)
	}
}

// startExporter runs an exporter command line in the background and
// returns its base URL once /metrics answers; it is stopped when the test
// ends.
func startExporter(t *testing.T, bin, cmdline, addr string, env ...string) string {
	t.Helper()
	cmd := exec.Command("bash", "--noprofile", "--norc", "-c", cmdline)
	cmd.Env = append(os.Environ(), append([]string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH")}, env...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		cmd.Wait()
	})
	base := "http://" + addr
	for deadline := time.Now().Add(30 * time.Second); ; {
		resp, err := http.Get(base + "/metrics")
		if err == nil {
			resp.Body.Close()
			return base
		}
		if time.Now().After(deadline) {
			t.Fatalf("the exporter did not answer on %s: %v\n%s", addr, err, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func get(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %s\n%s", u, resp.Status, body)
	}
	return string(body)
}

// sample returns the value of the series of metric whose labels include
// every label given, or "" when there is none.
func sample(body, metric string, labels ...string) string {
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		l := sc.Text()
		if !strings.HasPrefix(l, metric+"{") && !strings.HasPrefix(l, metric+" ") {
			continue
		}
		ok := true
		for _, lb := range labels {
			ok = ok && strings.Contains(l, lb)
		}
		if ok {
			return l[strings.LastIndex(l, " ")+1:]
		}
	}
	return ""
}

// TestReadmeExporterAndScrapeConfig runs the README's exporter command
// (its DSNs pointed at the cluster and a PgBouncer) and scrapes it, then
// runs the exporter that deploy/prometheus/prometheus.yml's header
// describes (one target of each engine, named as its probe targets) and
// scrapes it as the README's scrape configuration tells Prometheus to.
func TestReadmeExporterAndScrapeConfig(t *testing.T) {
	scrape := snippet(t, "prometheus-scrape").Code
	file, err := os.ReadFile(filepath.Join("..", "..", "deploy", "prometheus", "prometheus.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(file), scrape) {
		t.Errorf("the README's scrape configuration is not the end of deploy/prometheus/prometheus.yml")
	}

	pg := cleanPG(t)
	pgRole(t, pg, "connlint", "IN ROLE pg_monitor")
	pg.Open(t, 3, "postgres", "postgres", "orders", "")
	b, err := livetest.StartPgBouncer(pg, livetest.BouncerOptions{StatsUsers: []string{pgbouncerStatsUser(t)}})
	if err != nil {
		livetest.Unavailable(t, "PgBouncer: %v", err)
	}
	t.Cleanup(b.Stop)
	bin := binDir(t)

	t.Run("README exporter", func(t *testing.T) {
		const pass = "Exp-s3cret"
		port, err := livetest.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		cmdline := strings.NewReplacer(
			"postgres://connlint:...@db1/postgres", strings.Replace(pg.DSN("connlint", "postgres", ""), "connlint@", "connlint:"+pass+"@", 1),
			"pgbouncer://connlint:...@db1:6432/pgbouncer", strings.Replace(b.URL("connlint"), "connlint@", "connlint:"+pass+"@", 1),
			"--listen :9187", "--listen "+addr,
		).Replace(snippet(t, "live-exporter").Code)
		if strings.Contains(cmdline, "db1") || strings.Contains(cmdline, ":9187") {
			t.Fatalf("the exporter command changed; the test substitutes its DSNs and address:\n%s", cmdline)
		}
		base := startExporter(t, bin, cmdline, addr)
		metrics := get(t, base+"/metrics")
		for _, target := range []string{"main", "bouncer"} {
			if v := sample(metrics, "connlint_up", `target="`+target+`"`); v != "1" {
				t.Errorf("/metrics: connlint_up for %s = %q, want 1", target, v)
			}
		}
		if v := sample(metrics, "connlint_budget_limit", `name="orders"`, `target="main"`); v != "40" {
			t.Errorf("/metrics: the --budget orders=40 limit is %q", v)
		}
		if v := sample(metrics, "connlint_application_connections", `application="orders"`, `target="main"`); v != "3" {
			t.Errorf("/metrics: orders holds %q connections, want 3", v)
		}
		probe := get(t, base+"/probe?target=main")
		if v := sample(probe, "connlint_up"); v != "1" || sample(probe, "pg_up") != "1" {
			t.Errorf("/probe?target=main: connlint_up %q\n%s", v, probe)
		}
		if strings.Contains(metrics+probe, pass) {
			t.Error("the password is in the metrics")
		}
	})

	t.Run("scrape configuration", func(t *testing.T) {
		m := livetest.MySQLServer(t)
		const myPass = "Scr-9pass"
		myUser := m.User(t, "connlint_scr", myPass, "PROCESS")
		r := livetest.RedisServer(t)
		port, err := livetest.FreePort()
		if err != nil {
			t.Fatal(err)
		}
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		dsns := fmt.Sprintf("orders-db=%s bouncer=%s shop=%s cache=%s",
			pg.DSN("connlint", "postgres", ""), b.URL("connlint"), m.URL(myUser, myPass), r.URL())
		base := startExporter(t, bin, "connlint live --listen "+addr+" --warn 80% --crit 95% --budget orders=40", addr, "CONNLINT_DSN="+dsns)
		exporter := strings.TrimPrefix(base, "http://")

		var cfg struct {
			ScrapeConfigs []struct {
				JobName       string `yaml:"job_name"`
				MetricsPath   string `yaml:"metrics_path"`
				StaticConfigs []struct {
					Targets []string `yaml:"targets"`
				} `yaml:"static_configs"`
				RelabelConfigs []struct {
					SourceLabels []string `yaml:"source_labels"`
					TargetLabel  string   `yaml:"target_label"`
					Replacement  *string  `yaml:"replacement"`
				} `yaml:"relabel_configs"`
			} `yaml:"scrape_configs"`
		}
		if err := yaml.Unmarshal([]byte(scrape), &cfg); err != nil {
			t.Fatalf("scrape configuration: %v", err)
		}
		if len(cfg.ScrapeConfigs) != 2 {
			t.Fatalf("want the two scrape styles, got %d jobs", len(cfg.ScrapeConfigs))
		}
		engines := map[string]string{"orders-db": "postgres", "bouncer": "pgbouncer", "shop": "mysql", "cache": "redis"}
		scraped := 0
		for _, job := range cfg.ScrapeConfigs {
			path := job.MetricsPath
			if path == "" {
				path = "/metrics"
			}
			for _, sc := range job.StaticConfigs {
				for _, target := range sc.Targets {
					// Prometheus's relabelling: the default action replaces
					// target_label with the joined source labels (regex (.*),
					// replacement $1) or with the literal replacement.
					labels := map[string]string{"__address__": target}
					for _, rc := range job.RelabelConfigs {
						var src []string
						for _, s := range rc.SourceLabels {
							src = append(src, labels[s])
						}
						v := strings.Join(src, ";")
						if rc.Replacement != nil {
							v = *rc.Replacement
						}
						labels[rc.TargetLabel] = v
					}
					q := url.Values{}
					for k, v := range labels {
						if p, ok := strings.CutPrefix(k, "__param_"); ok {
							q.Set(p, v)
						}
					}
					address := strings.Replace(labels["__address__"], "connlint-exporter:9187", exporter, 1)
					if address != exporter {
						t.Errorf("job %s target %s scrapes %s, not the exporter", job.JobName, target, labels["__address__"])
						continue
					}
					u := "http://" + address + path
					if len(q) > 0 {
						u += "?" + q.Encode()
					}
					body := get(t, u)
					scraped++
					if path == "/metrics" {
						for name := range engines {
							if v := sample(body, "connlint_up", `target="`+name+`"`); v != "1" {
								t.Errorf("%s: connlint_up{target=%q} = %q, want 1", u, name, v)
							}
						}
						continue
					}
					eng := engines[q.Get("target")]
					if eng == "" || labels["instance"] != target {
						t.Errorf("job %s: target %s probes %q with instance %q", job.JobName, target, q.Get("target"), labels["instance"])
						continue
					}
					up := map[string]string{"postgres": "pg_up"}[eng]
					if up == "" {
						up = eng + "_up"
					}
					if v := sample(body, "connlint_up", `engine="`+eng+`"`); v != "1" || sample(body, up) != "1" {
						t.Errorf("%s: connlint_up{engine=%q} = %q, %s = %q; want 1\n%s", u, eng, v, up, sample(body, up), body)
					}
				}
			}
		}
		if scraped != 5 {
			t.Errorf("scraped %d URLs, want 5 (/metrics and four probes)", scraped)
		}
	})
}

// TestReadmeLiveTerminate runs the terminate example with --idle-older 1s
// for the README's 30m (the test cannot wait half an hour): the dry run
// lists the idle sessions and terminates none; --app batch --execute ends
// the two batch sessions and nothing else.
func TestReadmeLiveTerminate(t *testing.T) {
	lines := shellCommands(snippet(t, "live-terminate").Code)
	if len(lines) != 2 {
		t.Fatalf("live-terminate: %q", lines)
	}
	pg := cleanPG(t)
	pgRole(t, pg, "batchuser", "")
	batch := pg.Open(t, 2, "batchuser", "postgres", "batch", "")
	web := pg.Open(t, 1, "batchuser", "postgres", "web", "")
	su := pg.Open(t, 1, "postgres", "postgres", "batch", "")
	time.Sleep(1200 * time.Millisecond)
	sub := strings.NewReplacer("postgres://admin@db1/postgres", quote(pg.DSN("postgres", "postgres", "")), "--idle-older 30m", "--idle-older 1s")
	bin, dir := binDir(t), t.TempDir()
	pids := func(cs []*pgx.Conn) (out []int64) {
		for _, c := range cs {
			out = append(out, int64(c.PgConn().PID()))
		}
		return out
	}
	alive := func(ps []int64) int {
		n := pg.Query(t, "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1)", ps)
		var v int
		fmt.Sscan(n[0], &v)
		return v
	}

	out, stderr, code := shellSplit(t, dir, bin, uncomment(sub.Replace(lines[0])))
	if code != 0 || !strings.Contains(out, "dry run, would terminate 3 client sessions idle at least 1s") || strings.Count(out, "would terminate\n") != 3 {
		t.Errorf("dry run: exit %d, want the two batch and the web session (not the superuser's)\n%s%s", code, out, stderr)
	}
	if alive(pids(batch))+alive(pids(web))+alive(pids(su)) != 4 {
		t.Fatal("the dry run terminated sessions")
	}
	out, stderr, code = shellSplit(t, dir, bin, sub.Replace(lines[1]))
	if code != 0 || !strings.Contains(out, "terminated 2 of 2 matching client sessions idle at least 1s") {
		t.Errorf("--execute: exit %d\n%s%s", code, out, stderr)
	}
	pg.WaitGone(t, pids(batch))
	if alive(pids(web)) != 1 || alive(pids(su)) != 1 {
		t.Error("--app batch terminated the web session or the superuser's")
	}
}

// sqlStatements splits a SQL snippet into statements, comments dropped.
func sqlStatements(code string) []string {
	var out []string
	for _, stmt := range strings.Split(regexp.MustCompile(`--.*`).ReplaceAllString(code, ""), ";") {
		if s := strings.Join(strings.Fields(stmt), " "); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// TestReadmeGrantsPostgres runs the README's grants on the throwaway
// cluster, then checks as the monitoring role (full detail on other roles'
// sessions, no missing grant) and terminates as the terminate role.
func TestReadmeGrantsPostgres(t *testing.T) {
	pg := cleanPG(t)
	const pass = "Gr-s3cret-pg"
	stmts := sqlStatements(strings.ReplaceAll(snippet(t, "grants-postgres").Code, "…", pass))
	dropPGRoles(t, pg, "connlint", "connlint_terminate")
	t.Cleanup(func() { dropPGRoles(t, pg, "connlint", "connlint_terminate") })
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, pg.DSN("postgres", "postgres", "application_name=readme-grants"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	for _, s := range stmts {
		_, err := admin.Exec(ctx, s)
		switch {
		case strings.Contains(s, "pg_use_reserved_connections") && pg.Version < 160000:
			// The README says PostgreSQL 16+; before, the role does not exist.
			if err == nil || !strings.Contains(err.Error(), "does not exist") {
				t.Errorf("%s on PostgreSQL %d: %v, want the role not to exist before 16", s, pg.Version, err)
			}
		case err != nil:
			t.Errorf("%s: %v", s, err)
		}
	}
	if pg.Version >= 160000 {
		if got := pg.Query(t, "SELECT pg_has_role('connlint', 'pg_use_reserved_connections', 'MEMBER')"); got[0] != "true" {
			t.Errorf("connlint is not in pg_use_reserved_connections: %v", got)
		}
	}
	admin.Close(context.Background())

	// Another application's sessions, of another (non-superuser) role.
	pgRole(t, pg, "shopapp", "")
	shop := pg.Open(t, 2, "shopapp", "postgres", "orders", "")
	withPass := func(role string) string {
		return strings.Replace(pg.DSN(role, "postgres", ""), role+"@", role+":"+pass+"@", 1)
	}
	bin, dir := binDir(t), t.TempDir()
	out, stderr, code := shellSplit(t, dir, bin, "connlint live --dsn '"+withPass("connlint")+"' --format json")
	_, r := liveJSON(t, out)
	if code != 0 || r.Status != "OK" || r.MissingGrant != "" || r.ByApplication["orders"] != 2 || r.ByUser["shopapp"] != 2 ||
		r.ByClientAddr["127.0.0.1"] < 2 || r.ByState["idle"] < 2 || r.Self == nil || r.Self.User != "connlint" {
		t.Errorf("as connlint with the README's grants: exit %d, %+v\n%s", code, r, stderr)
	}
	if strings.Contains(out+stderr, pass) {
		t.Error("the password is in the output")
	}
	// Without the grant the same check still counts, and says which grant
	// would show the state of other roles' sessions.
	pgRole(t, pg, "nogrant", "")
	out, _, code = shellSplit(t, dir, bin, "connlint live --dsn '"+pg.DSN("nogrant", "postgres", "")+"' --format json")
	if _, r := liveJSON(t, out); code != 0 || r.MissingGrant != "pg_monitor" || r.ByApplication["orders"] != 2 {
		t.Errorf("without pg_monitor: exit %d, missing_grant %q, by_application %v; want 0, pg_monitor and the orders sessions", code, r.MissingGrant, r.ByApplication)
	}

	time.Sleep(1100 * time.Millisecond)
	out, stderr, code = shellSplit(t, dir, bin, "connlint live terminate --dsn '"+withPass("connlint_terminate")+"' --idle-older 1s --user shopapp --execute --format json")
	rep, done := terminateJSON(t, out, stderr)
	if code != 0 || rep.Error != "" || done != 2 {
		t.Errorf("terminate as connlint_terminate: exit %d, %+v", code, rep)
	}
	var ps []int64
	for _, c := range shop {
		ps = append(ps, int64(c.PgConn().PID()))
	}
	pg.WaitGone(t, ps)
}

// TestReadmeGrantsMySQL runs the README's grants on the MariaDB (user
// names made unique, the server is shared), checks as the monitoring user
// and kills a sleeping session as the terminate user.
func TestReadmeGrantsMySQL(t *testing.T) {
	m := livetest.MySQLServer(t)
	const pass = "Gr-s3cret-my"
	mon := fmt.Sprintf("connlint_rd%d", os.Getpid())
	kill := fmt.Sprintf("connlint_rdk%d", os.Getpid())
	code := strings.NewReplacer("'connlint'", "'"+mon+"'", "'connlint_kill'", "'"+kill+"'", "…", pass).Replace(snippet(t, "grants-mysql").Code)
	drop := func() {
		for _, u := range []string{mon, kill} {
			m.KillUser(t, u)
			m.Exec(t, "DROP USER IF EXISTS '"+u+"'@'%'")
		}
	}
	drop()
	t.Cleanup(drop)
	for _, s := range sqlStatements(code) {
		m.Exec(t, s)
	}
	if strings.Contains(code, "'connlint") && !strings.Contains(code, mon) {
		t.Fatal("the README's user names changed")
	}

	const vpass = "Victim-9pass"
	victim := m.User(t, "rdvictim", vpass)
	m.Open(t, 2, victim, vpass)
	time.Sleep(1100 * time.Millisecond)
	bin, dir := binDir(t), t.TempDir()
	out, stderr, exit := shellSplit(t, dir, bin, "connlint live --dsn '"+m.URL(mon, pass)+"' --format json")
	_, r := liveJSON(t, out)
	if exit != statusCode(r.Status) || r.Status == "UNKNOWN" || r.MissingGrant != "" || r.ByUser[victim] != 2 || r.ByUser[m.RootUser] < 1 {
		t.Errorf("as %s with PROCESS: exit %d, %+v\n%s", mon, exit, r, stderr)
	}
	out, stderr, exit = shellSplit(t, dir, bin, "connlint live terminate --dsn '"+m.URL(kill, pass)+"' --idle-older 1s --app "+victim+" --execute --format json")
	rep, done := terminateJSON(t, out, stderr)
	if exit != 0 || rep.Error != "" || done != 2 {
		t.Errorf("terminate as %s: exit %d, %+v", kill, exit, rep)
	}
	if n := m.Int(t, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '"+victim+"'"); n != 0 {
		t.Errorf("%d sessions of %s left", n, victim)
	}
	if strings.Contains(out+stderr, pass) {
		t.Error("the password is in the output")
	}
}

// pgbouncerStatsUser reads stats_users from the README's pgbouncer.ini.
func pgbouncerStatsUser(t *testing.T) string {
	t.Helper()
	ini := snippet(t, "grants-pgbouncer").Code
	if !strings.HasPrefix(ini, "[pgbouncer]\n") {
		t.Fatalf("grants-pgbouncer is not the [pgbouncer] section:\n%s", ini)
	}
	m := regexp.MustCompile(`(?m)^stats_users\s*=\s*(\S+)\s*$`).FindStringSubmatch(ini)
	if m == nil {
		t.Fatalf("no stats_users in\n%s", ini)
	}
	return m[1]
}

// TestReadmeGrantsPgBouncer starts PgBouncer with the README's stats_users:
// that user gets the full check, another user is told what to add.
func TestReadmeGrantsPgBouncer(t *testing.T) {
	pg := cleanPG(t)
	user := pgbouncerStatsUser(t)
	b, err := livetest.StartPgBouncer(pg, livetest.BouncerOptions{StatsUsers: []string{user}})
	if err != nil {
		livetest.Unavailable(t, "PgBouncer: %v", err)
	}
	t.Cleanup(b.Stop)
	// A client through the pooler, so that there is a pool to show.
	pgRole(t, pg, "appuser", "")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cfg, err := pgx.ParseConfig(b.AppDSN("appuser", "shop"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
	client, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		t.Fatalf("a client through PgBouncer: %v", err)
	}
	defer client.Close(context.Background())
	if _, err := client.Exec(ctx, "SELECT 1"); err != nil {
		t.Fatal(err)
	}
	bin, dir := binDir(t), t.TempDir()
	out, stderr, code := shellSplit(t, dir, bin, "connlint live --dsn '"+b.URL(user)+"' --format json")
	_, r := liveJSON(t, out)
	if code != 0 || r.Status != "OK" || r.Engine != "pgbouncer" || r.MissingGrant != "" || r.Capacity != 20 || r.Used != 1 || len(r.Pools) == 0 {
		t.Errorf("as %s (stats_users): exit %d, %+v\n%s", user, code, r, stderr)
	}
	out, _, code = shellSplit(t, dir, bin, "connlint live --dsn '"+b.URL("appuser")+"' --format json")
	if _, r := liveJSON(t, out); code != 3 || !strings.Contains(r.MissingGrant, "stats_users") {
		t.Errorf("as appuser (not in stats_users): exit %d, missing_grant %q", code, r.MissingGrant)
	}
}

// TestReadmeGrantsRedis sets the README's ACL (the user named uniquely)
// and checks as that user: every client is seen, nothing is missing.
func TestReadmeGrantsRedis(t *testing.T) {
	r := livetest.RedisServer(t)
	acl := strings.Fields(snippet(t, "grants-redis").Code)
	if len(acl) < 4 || acl[0] != "ACL" || acl[1] != "SETUSER" || acl[2] != "connlint" {
		t.Fatalf("grants-redis: %q", acl)
	}
	const pass = "Gr-s3cret-rd"
	user := fmt.Sprintf("connlint_rd%d", os.Getpid())
	args := []any{}
	for _, a := range acl {
		switch a {
		case "connlint":
			a = user
		case ">…":
			a = ">" + pass
		}
		args = append(args, a)
	}
	ctx := context.Background()
	admin := r.Admin()
	t.Cleanup(func() { admin.Do(context.Background(), "ACL", "DELUSER", user) })
	if err := admin.Do(ctx, args...).Err(); err != nil {
		livetest.Unavailable(t, "Redis ACL (6.0+): %v", err)
	}
	r.Open(t, 2, "orders")
	bin, dir := binDir(t), t.TempDir()
	dsn := fmt.Sprintf("redis://%s:%s@%s/0", user, pass, r.Addr)
	out, stderr, code := shellSplit(t, dir, bin, "connlint live --dsn '"+dsn+"' --format json")
	_, res := liveJSON(t, out)
	if code != 0 || res.Status != "OK" || res.MissingGrant != "" || res.ByApplication["orders"] < 2 || res.Self == nil || res.Self.User != user {
		t.Errorf("as %s with the README's ACL: exit %d, %+v\n%s", user, code, res, stderr)
	}
	if strings.Contains(out+stderr, pass) {
		t.Error("the password is in the output")
	}
}
