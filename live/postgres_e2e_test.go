package live

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/connlint/connlint/live/livetest"
)

// contractFields are the JSON object's fields DESIGN.md fixes.
var contractFields = []string{"status", "engine", "server_version", "max_connections", "reserved", "capacity",
	"used", "used_percent", "by_state", "by_application", "by_database", "by_user", "by_client_addr",
	"idle", "budgets", "checks"}

func TestPostgresCapacityAndContract(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Open(t, 3, "postgres", "postgres", "orders", "")
	pg.Open(t, 1, "postgres", "postgres", "billing", "")

	r, m, res := runJSON(t, "--dsn", pg.DSN("postgres", "postgres", ""))
	if r.code != ExitOK {
		t.Fatalf("exit %d, want 0\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, f := range contractFields {
		if _, ok := m[f]; !ok {
			t.Errorf("JSON lacks contract field %q", f)
		}
	}
	if res.MaxConnections != 20 || res.Reserved != 3 || res.Capacity != 17 {
		t.Errorf("max/reserved/capacity = %d/%d/%d, want 20/3/17", res.MaxConnections, res.Reserved, res.Capacity)
	}
	// 3 orders + 1 billing + the harness's helper session.
	if res.Used != 5 || res.UsedPercent != 29.4 {
		t.Errorf("used = %d (%.1f%%), want 5 (29.4%%)", res.Used, res.UsedPercent)
	}
	if res.ByApplication["orders"] != 3 || res.ByApplication["billing"] != 1 || res.ByApplication["connlint"] != 0 {
		t.Errorf("by_application = %v", res.ByApplication)
	}
	if res.ByState["idle"] != 5 || res.ByDatabase["postgres"] != 5 || res.ByUser["postgres"] != 5 || res.ByClientAddr["127.0.0.1"] != 4 || res.ByClientAddr["local"] != 1 {
		t.Errorf("breakdowns: state %v db %v user %v client %v", res.ByState, res.ByDatabase, res.ByUser, res.ByClientAddr)
	}
	if res.Self == nil || res.Self.Application != "connlint" {
		t.Errorf("own session not labelled connlint: %+v", res.Self)
	}
	if res.OldestIdle == nil || res.OldestIdle.State != "idle" || res.OldestIdle.PID == 0 {
		t.Errorf("oldest idle = %+v", res.OldestIdle)
	}
}

func TestPostgresThresholdForms(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Open(t, 9, "postgres", "postgres", "app", "") // + helper session: 10 of 17, 58.8%, 7 free
	dsn := pg.DSN("postgres", "postgres", "")
	for _, c := range []struct {
		warn, crit string
		want       int
	}{
		{"80%", "95%", ExitOK},
		{"50%", "95%", ExitWarning},
		{"50%", "58%", ExitCritical},
		{"10", "12", ExitWarning},
		{"8", "10", ExitCritical},
		{"-8", "-5", ExitWarning},
		{"-9", "-7", ExitCritical},
		{"-6", "-5", ExitOK},
	} {
		r := runMain(t, "--dsn", dsn, "--warn", c.warn, "--crit", c.crit, "--format", "nagios")
		if r.code != c.want {
			t.Errorf("--warn %s --crit %s: exit %d, want %d: %s", c.warn, c.crit, r.code, c.want, r.stdout)
		}
	}
	r := runMain(t, "--dsn", dsn, "--warn", "50%", "--crit", "95%", "--format", "nagios")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "CONNLINT POSTGRES WARNING - 10 of 17 usable connections in use (58.8%)") {
		t.Errorf("nagios line = %q", r.stdout)
	}
	// perfdata: used=value;warn;crit;min;max with levels in connections.
	mustContain(t, "nagios perfdata", r.stdout, "| used=10;9;17;0;17", "used_pct=58.8%", "state_idle=10", "app_app=9")
}

func TestPostgresExhaustionIsCritical(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	role := "filler"
	pg.Exec(t, "DROP ROLE IF EXISTS "+role)
	pg.Exec(t, "CREATE ROLE "+role+" LOGIN IN ROLE pg_monitor")
	t.Cleanup(func() { pg.TerminateOthers(t); pg.Exec(t, "DROP ROLE IF EXISTS "+role) })

	// Every ordinary slot: 16 fillers + the harness's helper session = 17.
	conns := pg.Open(t, 16, role, "postgres", "filler", "")

	// A monitoring role without superuser cannot get in: the refusal itself
	// is the finding.
	r, m, res := runJSON(t, "--dsn", pg.DSN(role, "postgres", ""))
	if r.code != ExitCritical || res.Status != Critical {
		t.Fatalf("non-superuser check with every slot taken: exit %d status %v, want CRITICAL\n%s", r.code, res.Status, r.stdout)
	}
	mustContain(t, "error", res.Error, "remaining connection slots are reserved", "53300")
	// Refused, connlint knows nothing of the server's use: null, not 0.
	for _, f := range []string{"server_version", "max_connections", "reserved", "capacity", "used", "used_percent",
		"by_state", "by_application", "by_database", "by_user", "by_client_addr", "idle"} {
		if v, ok := m[f]; !ok || v != nil {
			t.Errorf("refused: %s = %v (present %v), want null", f, v, ok)
		}
	}
	_, ok, _ := runJSON(t, "--dsn", pg.DSN("postgres", "postgres", ""))
	for f := range ok {
		if _, there := m[f]; !there && f != "pools" && f != "extra" {
			t.Errorf("the refused result lacks field %q a successful one has", f)
		}
	}

	// A superuser gets a reserved slot and sees 17 of 17 in use.
	r, _, res = runJSON(t, "--dsn", pg.DSN("postgres", "postgres", ""))
	if r.code != ExitCritical || res.Used != 17 || res.Capacity != 17 {
		t.Fatalf("superuser check: exit %d used %d of %d, want CRITICAL at 17 of 17", r.code, res.Used, res.Capacity)
	}

	// Take the reserved slots too: now even a superuser is refused with
	// the other wording of 53300.
	pg.Open(t, 3, "postgres", "postgres", "su-filler", "")
	r = runMain(t, "--dsn", pg.DSN("postgres", "postgres", ""), "--format", "nagios")
	if r.code != ExitCritical {
		t.Fatalf("all 20 slots taken: exit %d, want 2: %s", r.code, r.stdout)
	}
	mustContain(t, "nagios", r.stdout, "CONNLINT POSTGRES CRITICAL", "too many clients already")
	_ = conns
}

// Without pg_monitor a role still sees every backend's row, database, user
// and application (not other roles' state, client or ages), so connlint
// counts: capacity, thresholds and budgets work; what cannot be seen is
// reported as such, naming the grant. Before, the check said UNKNOWN.
func TestPostgresWithoutPgMonitorStillCounts(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Exec(t, "DROP ROLE IF EXISTS nosee")
	pg.Exec(t, "CREATE ROLE nosee LOGIN")
	t.Cleanup(func() { pg.TerminateOthers(t); pg.Exec(t, "DROP ROLE IF EXISTS nosee") })
	pg.Open(t, 2, "postgres", "postgres", "hidden", "")
	pg.Open(t, 1, "nosee", "postgres", "mine", "")
	dsn := pg.DSN("nosee", "postgres", "")

	// 2 hidden + 1 of its own + the harness's helper session (hidden too).
	r, _, res := runJSON(t, "--dsn", dsn)
	if r.code != ExitOK || res.Status != OK {
		t.Fatalf("unprivileged: exit %d, want 0\n%s", r.code, r.stdout)
	}
	if res.Used != 4 || res.Capacity != 17 || res.ByApplication["hidden"] != 2 || res.ByApplication["mine"] != 1 || res.ByUser["postgres"] != 3 {
		t.Errorf("used %d of %d, by_application %v, by_user %v", res.Used, res.Capacity, res.ByApplication, res.ByUser)
	}
	if res.ByState["unknown"] != 3 || res.ByState["idle"] != 1 || res.ByClientAddr["unknown"] != 3 || res.ByClientAddr["127.0.0.1"] != 1 {
		t.Errorf("by_state %v, by_client_addr %v: other roles' state and client are hidden", res.ByState, res.ByClientAddr)
	}
	if res.MissingGrant != "pg_monitor" || res.OldestIdle != nil {
		t.Errorf("missing_grant %q, oldest_idle %+v", res.MissingGrant, res.OldestIdle)
	}
	v := check(res, "visibility")
	if v == nil || v.Status != OK {
		t.Fatalf("no visibility check: %+v", res.Checks)
	}
	mustContain(t, "visibility", v.Message, "3 sessions of other roles", "GRANT pg_monitor TO nosee")

	// Thresholds and budgets work on what it counts.
	if r := runMain(t, "--dsn", dsn, "--warn", "3", "--crit", "10"); r.code != ExitWarning {
		t.Errorf("--warn 3: exit %d, want 1\n%s", r.code, r.stdout)
	}
	r, _, res = runJSON(t, "--dsn", dsn, "--budget", "hidden=1", "--budget", "user:postgres=5")
	if r.code != ExitCritical || check(res, "budget:app:hidden").Status != Critical || check(res, "budget:user:postgres").Status != OK {
		t.Errorf("budgets: exit %d, %+v", r.code, res.Checks)
	}
	// An idle check cannot say "none" about sessions it cannot see.
	r, _, res = runJSON(t, "--dsn", dsn, "--idle-older", "1h")
	idle := check(res, "idle")
	if r.code != ExitUnknown || idle == nil || idle.Status != Unknown {
		t.Fatalf("--idle-older 1h: exit %d, idle %+v, want UNKNOWN", r.code, idle)
	}
	mustContain(t, "idle", idle.Message, "3 sessions of other roles are hidden", "GRANT pg_monitor TO nosee")

	pg.Exec(t, "GRANT pg_monitor TO nosee")
	r, _, res = runJSON(t, "--dsn", dsn)
	if r.code != ExitOK || res.MissingGrant != "" || res.ByState["unknown"] != 0 || res.ByClientAddr["127.0.0.1"] != 3 || check(res, "visibility") != nil {
		t.Fatalf("after GRANT pg_monitor: exit %d missing_grant %q by_state %v by_client_addr %v", r.code, res.MissingGrant, res.ByState, res.ByClientAddr)
	}
}

func TestPostgresIdleInTransactionAbortedIsCritical(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	stuck := pg.Open(t, 1, "postgres", "postgres", "stuck-worker", "")[0]
	ctx := context.Background()
	if _, err := stuck.Exec(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	if _, err := stuck.Exec(ctx, "SELECT 1/0"); err == nil {
		t.Fatal("division by zero did not fail")
	}
	pg.Open(t, 2, "postgres", "postgres", "fine", "")
	pid := stuck.PgConn().PID()
	waitState(t, pg, pid, "idle in transaction (aborted)", 300*time.Millisecond)

	dsn := pg.DSN("postgres", "postgres", "")
	// Under the threshold: OK.
	if r := runMain(t, "--dsn", dsn, "--idle-txn-older", "1h"); r.code != ExitOK {
		t.Fatalf("--idle-txn-older 1h: exit %d\n%s", r.code, r.stdout)
	}
	r, _, res := runJSON(t, "--dsn", dsn, "--idle-txn-older", "300ms")
	if r.code != ExitCritical {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.stdout)
	}
	c := check(res, "idle_in_transaction")
	if c == nil || c.Status != Critical {
		t.Fatalf("idle_in_transaction check = %+v", c)
	}
	mustContain(t, "check message", c.Message, fmt.Sprintf("pid %d", pid), "user=postgres", "app=stuck-worker", "client=127.0.0.1", "idle in transaction (aborted)")
	if len(res.Idle) != 1 || res.Idle[0].PID != int64(pid) || res.Idle[0].State != "idle in transaction (aborted)" || res.Idle[0].Seconds < 0.3 {
		t.Errorf("idle list = %+v", res.Idle)
	}
	if res.OldestIdleTxn == nil || res.OldestIdleTxn.PID != int64(pid) {
		t.Errorf("oldest_idle_in_transaction = %+v", res.OldestIdleTxn)
	}
	// The text table shows it too.
	txt := runMain(t, "--dsn", dsn, "--idle-txn-older", "300ms")
	mustContain(t, "text", txt.stdout, "stuck-worker", "idle in transaction (aborted)", "CRITICAL")
}

// waitState waits until pid is in state for at least age.
func waitState(t *testing.T, pg *livetest.PG, pid uint32, state string, age time.Duration) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := pg.Query(t, `SELECT coalesce(state = $2 AND now() - state_change >= make_interval(secs => $3), false)
			FROM pg_stat_activity WHERE pid = $1`, int(pid), state, age.Seconds())
		if len(got) == 1 && got[0] == "true" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("pid %d never reached %q for %s", pid, state, age)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func TestPostgresBudget(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Open(t, 5, "postgres", "postgres", "orders", "")
	pg.Open(t, 1, "postgres", "postgres", "reports", "")
	dsn := pg.DSN("postgres", "postgres", "")

	r, _, res := runJSON(t, "--dsn", dsn, "--budget", "orders=3", "--budget", "reports=2", "--budget", "user:postgres=10")
	if r.code != ExitCritical {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.stdout)
	}
	want := map[string]BudgetResult{
		"orders":   {App: "orders", By: "application", Limit: 3, Actual: 5, Status: Critical},
		"reports":  {App: "reports", By: "application", Limit: 2, Actual: 1, Status: OK},
		"postgres": {App: "postgres", By: "user", Limit: 10, Actual: 7, Status: OK}, // + helper session
	}
	if len(res.Budgets) != 3 {
		t.Fatalf("budgets = %+v", res.Budgets)
	}
	for _, b := range res.Budgets {
		if b != want[b.App] {
			t.Errorf("budget %s = %+v, want %+v", b.App, b, want[b.App])
		}
	}
	mustContain(t, "budget check", check(res, "budget:app:orders").Message, `application "orders" holds 5 connections, over its budget of 3`)
	if r := runMain(t, "--dsn", dsn, "--budget", "orders=5"); r.code != ExitOK {
		t.Errorf("budget at the limit: exit %d, want 0", r.code)
	}
}

func TestUnreachableAndBadDSNAreUnknown(t *testing.T) {
	port, err := livetest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	secret := "Pa55-w0rd-never-shown"
	for _, args := range [][]string{
		{"--dsn", fmt.Sprintf("postgres://app:%s@127.0.0.1:%d/db?sslmode=disable", secret, port), "--timeout", "3s"},
		{"--dsn", fmt.Sprintf("mysql://app:%s@127.0.0.1:%d/db", secret, port), "--timeout", "3s"},
		{"--dsn", fmt.Sprintf("redis://:%s@127.0.0.1:%d/0", secret, port), "--timeout", "3s"},
		{"--dsn", fmt.Sprintf("pgbouncer://app:%s@127.0.0.1:%d/pgbouncer", secret, port), "--timeout", "3s"},
		{"--dsn", fmt.Sprintf("postgres://app:%s@127.0.0.1:%d/db?sslmode=bogus", secret, port)},
		{"--dsn", fmt.Sprintf("oracle://app:%s@127.0.0.1:%d/db", secret, port)},
		{"--dsn", fmt.Sprintf("app:%s@127.0.0.1/db", secret)},
	} {
		for _, format := range []string{"text", "json", "nagios", "prometheus"} {
			r := runMain(t, append(args, "--format", format)...)
			if r.code != ExitUnknown {
				t.Errorf("%v --format %s: exit %d, want 3\n%s%s", args[1][:10], format, r.code, r.stdout, r.stderr)
			}
			mustNotContain(t, "output", r.stdout+r.stderr, secret)
		}
	}
	r := runMain(t, "--dsn", "postgres://u@127.0.0.1:1/db", "--format", "nagios")
	if r.code != ExitUnknown || !strings.HasPrefix(r.stdout, "CONNLINT POSTGRES UNKNOWN - ") {
		t.Errorf("refused port: exit %d %q", r.code, r.stdout)
	}
}

func TestBadFlagsAreUnknown(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--dsn", "postgres://h/db", "--warn", "abc"},
		{"--dsn", "postgres://h/db", "--warn", "90%", "--crit", "80%"},
		{"--dsn", "postgres://h/db", "--budget", "orders"},
		{"--dsn", "postgres://h/db", "--format", "xml"},
		{"--nope"},
		{"terminate", "--dsn", "postgres://h/db"},
		{"terminate", "--dsn", "postgres://h/db", "--idle-older", "1m", "--state", "active"},
	} {
		if r := runMain(t, args...); r.code != ExitUnknown {
			t.Errorf("%v: exit %d, want 3", args, r.code)
		}
	}
}

// A server that accepts the TCP connection and then says nothing: every
// engine gives up within --timeout and reports UNKNOWN with the reason.
func TestConnectTimeoutHonoured(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// Cleanups, not defers: the parallel subtests run after this
	// function returns.
	t.Cleanup(func() { ln.Close() })
	var held []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	})
	addr := ln.Addr().String()
	for _, dsn := range []string{
		"postgres://u:pw@" + addr + "/db?sslmode=disable",
		"pgbouncer://u:pw@" + addr + "/pgbouncer?sslmode=disable",
		"mysql://u:pw@" + addr + "/db",
		"redis://:pw@" + addr + "/0",
	} {
		// Each engine waits out its own second: at once, not one after
		// the other.
		t.Run(engineOf(dsn), func(t *testing.T) {
			t.Parallel()
			r, _, res := runJSON(t, "--dsn", dsn, "--timeout", "1s")
			if r.code != ExitUnknown || res.ErrorKind != "unreachable" {
				t.Errorf("%s: exit %d kind %q, want UNKNOWN unreachable", engineOf(dsn), r.code, res.ErrorKind)
			}
			if !strings.Contains(strings.ToLower(res.Error), "time") {
				t.Errorf("%s: error %q does not say it timed out", engineOf(dsn), res.Error)
			}
		})
	}
}

func engineOf(dsn string) string { return dsn[:strings.Index(dsn, ":")] }

// Ages are never negative: connlint's own session changed state after the
// poll's transaction began (before, self.seconds was about -0.001 on
// every poll), and so may any session that turns idle meanwhile.
func TestAgesNeverNegative(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	busy := pg.Open(t, 2, "postgres", "postgres", "flip", "")
	ts := buildTargets([]string{pg.DSN("postgres", "postgres", "")}, 5*time.Second)
	defer ts.close()
	o, _ := (&checkFlags{warn: "80%", crit: "95%", leakSamples: 6, format: "text"}).options(nil)
	w := newWatcher(ts, o, 5*time.Second, 6)
	ctx := context.Background()
	for i := 0; i < 50; i++ {
		for _, c := range busy {
			c.Exec(ctx, "SELECT 1") // a state change close to the poll
		}
		r := w.poll(ctx)[0]
		if r.Error != "" {
			t.Fatal(r.Error)
		}
		for _, s := range append(r.Snapshot().Sessions, *r.Self) {
			if s.Seconds < 0 || s.XactSeconds < 0 {
				t.Fatalf("poll %d: pid %d (%s) seconds %v xact_seconds %v", i, s.PID, s.Application, s.Seconds, s.XactSeconds)
			}
		}
	}
}
