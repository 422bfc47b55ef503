package live

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/live/livetest"
	"github.com/jackc/pgx/v5"
)

type termReport struct {
	Target   string `json:"target"`
	Execute  bool   `json:"execute"`
	Error    string `json:"error"`
	Sessions []struct {
		PID         int64   `json:"pid"`
		User        string  `json:"user"`
		Application string  `json:"application"`
		Client      string  `json:"client"`
		State       string  `json:"state"`
		Seconds     float64 `json:"seconds"`
		Superuser   bool    `json:"superuser"`
		Done        bool    `json:"terminated"`
	} `json:"sessions"`
}

func backends(t *testing.T, pg *livetest.PG) []string {
	t.Helper()
	return pg.Query(t, `SELECT pid || ':' || backend_type || ':' || coalesce(application_name, '') FROM pg_stat_activity
		WHERE pid <> pg_backend_pid() AND application_name NOT IN ('', 'connlint') ORDER BY pid`) // a finished check's backend may still be exiting
}

func pidsOf(conns []*pgx.Conn) []int64 {
	var out []int64
	for _, c := range conns {
		out = append(out, int64(c.PgConn().PID()))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func TestTerminateDryRunThenExecute(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Exec(t, "DROP ROLE IF EXISTS worker")
	pg.Exec(t, "CREATE ROLE worker LOGIN")
	t.Cleanup(func() { pg.TerminateOthers(t); pg.Exec(t, "DROP ROLE IF EXISTS worker") })

	victims := pg.Open(t, 3, "worker", "postgres", "batch", "")
	otherApp := pg.Open(t, 2, "worker", "postgres", "web", "")
	superIdle := pg.Open(t, 1, "postgres", "postgres", "batch", "")[0]
	busy := pg.Open(t, 1, "worker", "postgres", "batch", "")[0]
	// A walsender is a backend with state idle, but not a client backend.
	rc, _ := pgx.ParseConfig(pg.DSN("postgres", "postgres", "application_name=batch"))
	rc.RuntimeParams["replication"] = "database"
	walsender, err := pgx.ConnectConfig(context.Background(), rc)
	if err != nil {
		t.Fatal(err)
	}
	defer walsender.Close(context.Background())

	busyCtx, stopBusy := context.WithCancel(context.Background())
	busyDone := make(chan struct{})
	go func() { defer close(busyDone); busy.Exec(busyCtx, "SELECT pg_sleep(60)") }()
	t.Cleanup(func() { stopBusy(); <-busyDone }) // before the connection is closed
	// Margins of seconds, not of milliseconds: the victims are idle for at
	// least idleAge before any run, and the young session is made active
	// again right before each run, so it stays idle for less than idleAge
	// unless one run takes seconds to reach its statement.
	const idleAge = 3 * time.Second
	for _, c := range append(victims, superIdle) {
		waitState(t, pg, c.PgConn().PID(), "idle", idleAge)
	}
	fresh := pg.Open(t, 1, "worker", "postgres", "batch", "")[0] // idle, but too young
	younger := func() {
		t.Helper()
		if _, err := fresh.Exec(context.Background(), "SELECT 1"); err != nil {
			t.Fatal(err)
		}
	}
	older := idleAge.String()

	before := backends(t, pg)
	dsn := pg.DSN("postgres", "postgres", "")

	younger()
	dry := runMain(t, "terminate", "--dsn", dsn, "--idle-older", older, "--app", "batch", "--format", "json")
	if dry.code != ExitOK {
		t.Fatalf("dry run exit %d: %s %s", dry.code, dry.stdout, dry.stderr)
	}
	var rep termReport
	if err := json.Unmarshal([]byte(dry.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	var listed []int64
	for _, s := range rep.Sessions {
		listed = append(listed, s.PID)
		if s.Done || s.Superuser || s.Application != "batch" || s.User != "worker" || s.State != "idle" || s.Seconds < idleAge.Seconds() || s.Client != "127.0.0.1" {
			t.Errorf("dry run listed %+v", s)
		}
	}
	sort.Slice(listed, func(i, j int) bool { return listed[i] < listed[j] })
	if fmt.Sprint(listed) != fmt.Sprint(pidsOf(victims)) {
		t.Fatalf("dry run listed %v, want exactly the idle batch backends %v", listed, pidsOf(victims))
	}
	if after := backends(t, pg); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("dry run changed the server:\nbefore %v\nafter  %v", before, after)
	}
	younger()
	txt := runMain(t, "terminate", "--dsn", dsn, "--idle-older", older, "--app", "batch")
	mustContain(t, "dry run text", txt.stdout, "dry run, would terminate 3 client sessions", "--execute", "would terminate")

	younger()
	ex := runMain(t, "terminate", "--dsn", dsn, "--idle-older", older, "--app", "batch", "--execute")
	if ex.code != ExitOK {
		t.Fatalf("execute exit %d: %s %s", ex.code, ex.stdout, ex.stderr)
	}
	mustContain(t, "execute text", ex.stdout, "terminated 3 of 3 matching client sessions")
	pg.WaitGone(t, pidsOf(victims))
	after := strings.Join(backends(t, pg), " ")
	for _, p := range pidsOf(victims) {
		if strings.Contains(" "+after, fmt.Sprintf(" %d:", p)) {
			t.Errorf("victim %d still there: %s", p, after)
		}
	}
	for what, c := range map[string]*pgx.Conn{"superuser": superIdle, "busy": busy, "young": fresh, "other app": otherApp[0], "walsender": walsender} {
		if !strings.Contains(" "+after, fmt.Sprintf(" %d:", c.PgConn().PID())) {
			t.Errorf("%s backend %d was terminated: %s", what, c.PgConn().PID(), after)
		}
	}

	// Asked to, terminate takes the superuser's idle session as well.
	younger()
	inc := runMain(t, "terminate", "--dsn", dsn, "--idle-older", older, "--app", "batch", "--include-superuser", "--format", "json")
	rep = termReport{}
	json.Unmarshal([]byte(inc.stdout), &rep)
	if len(rep.Sessions) != 1 || rep.Sessions[0].PID != int64(superIdle.PgConn().PID()) || !rep.Sessions[0].Superuser {
		t.Errorf("--include-superuser dry run = %+v", rep.Sessions)
	}
	// Filters: a state no session is in selects nothing.
	st := runMain(t, "terminate", "--dsn", dsn, "--idle-older", older, "--state", "idle in transaction", "--format", "json")
	rep = termReport{}
	json.Unmarshal([]byte(st.stdout), &rep)
	if len(rep.Sessions) != 0 {
		t.Errorf("--state 'idle in transaction' selected %+v", rep.Sessions)
	}
	if !strings.Contains(dry.stdout, `"execute":false`) {
		t.Errorf("dry run report lacks execute:false: %s", dry.stdout)
	}
}

// A role that may see sessions but not signal them: terminate --execute
// says how many matched, that none could be terminated and why, names the
// grant, and exits 3. Before, it printed "terminated 0 of 0 matching".
func TestTerminateWithoutSignalPrivilege(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	for _, r := range []string{"stale_worker", "stale_mon"} {
		pg.Exec(t, "DROP ROLE IF EXISTS "+r)
	}
	pg.Exec(t, "CREATE ROLE stale_worker LOGIN")
	pg.Exec(t, "CREATE ROLE stale_mon LOGIN IN ROLE pg_monitor")
	t.Cleanup(func() {
		pg.TerminateOthers(t)
		for _, r := range []string{"stale_worker", "stale_mon"} {
			pg.Exec(t, "DROP ROLE IF EXISTS "+r)
		}
	})
	victims := pg.Open(t, 3, "stale_worker", "postgres", "stale", "")
	super := pg.Open(t, 1, "postgres", "postgres", "stale", "")[0]
	const idleAge = 2 * time.Second
	for _, c := range append(victims, super) {
		waitState(t, pg, c.PgConn().PID(), "idle", idleAge)
	}
	dsn := pg.DSN("stale_mon", "postgres", "")
	args := []string{"terminate", "--dsn", dsn, "--idle-older", idleAge.String(), "--app", "stale", "--execute"}
	alive := func() string {
		return pg.Query(t, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'stale'")[0]
	}

	r := runMain(t, args...)
	if r.code != ExitUnknown {
		t.Errorf("exit %d, want 3\n%s%s", r.code, r.stdout, r.stderr)
	}
	mustContain(t, "text", r.stdout, "3 client sessions idle at least 2s matched; none could be terminated",
		"not terminated: role stale_mon may not signal it: GRANT pg_signal_backend TO stale_mon",
		"error: 3 of 3 matching sessions could not be terminated")
	mustNotContain(t, "text", r.stdout, "terminated 0 of 0")
	var rep struct {
		termReport
		Matched      int    `json:"matched"`
		Terminated   int    `json:"terminated"`
		MissingGrant string `json:"missing_grant"`
	}
	j := runMain(t, append(args, "--format", "json")...)
	if err := json.Unmarshal([]byte(j.stdout), &rep); err != nil {
		t.Fatal(err, j.stdout)
	}
	if j.code != ExitUnknown || rep.Matched != 3 || rep.Terminated != 0 || rep.MissingGrant != "pg_signal_backend" || len(rep.Sessions) != 3 {
		t.Errorf("json: exit %d %+v", j.code, rep)
	}
	if n := alive(); n != "4" {
		t.Fatalf("%s sessions left, want all 4", n)
	}

	// With the grant it ends the three; a superuser's session it still may
	// not, and says so.
	pg.Exec(t, "GRANT pg_signal_backend TO stale_mon")
	r = runMain(t, append(args, "--include-superuser")...)
	if r.code != ExitUnknown {
		t.Errorf("with pg_signal_backend and a superuser session: exit %d, want 3\n%s", r.code, r.stdout)
	}
	mustContain(t, "text", r.stdout, "terminated 3 of 4 matching client sessions idle at least 2s; 1 could not be",
		"not terminated: a superuser's session: only a superuser can end it")
	pg.WaitGone(t, pidsOf(victims))
	if n := alive(); n != "1" {
		t.Errorf("%s sessions left, want the superuser's", n)
	}
}

// A terminate that cannot look at the server (usage error, bad DSN, an
// engine without terminate, unreachable) says only why: no dry-run or
// "terminated 0 of 0" header.
func TestTerminateErrorsPrintNoHeader(t *testing.T) {
	pg := cluster.Get(t)
	rd := livetest.RedisServer(t)
	port, err := livetest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--dsn", rd.URL()}, "terminate is not supported for redis"},
		{[]string{"--dsn", "nonsense"}, "want a URL"},
		{[]string{"--dsn", fmt.Sprintf("postgres://u@127.0.0.1:%d/db", port), "--execute"}, "connection refused"},
		{[]string{"--dsn", pg.DSN("postgres", "postgres", ""), "--state", "bogus"}, `--state "bogus"`},
		{[]string{"--dsn", pg.DSN("postgres", "postgres", ""), "--timeout", "0s"}, "--timeout 0s"},
	} {
		r := runMain(t, append([]string{"terminate", "--idle-older", "1m"}, c.args...)...)
		out := r.stdout + r.stderr
		if r.code != ExitUnknown || !strings.Contains(out, c.says) || strings.Contains(out, "dry run") || strings.Contains(out, "terminated 0") {
			t.Errorf("%v: exit %d, want 3 and only %q:\n%s", c.args, r.code, c.says, out)
		}
	}
}
