package mysql_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/connlint/connlint/live/livetest"
	"github.com/connlint/connlint/live/mysql"
)

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func newEngine(t *testing.T, dsn string) *mysql.Engine {
	t.Helper()
	e, err := mysql.New(dsn, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func TestProcesslistBreakdown(t *testing.T) {
	m := livetest.MySQLServer(t)
	app := m.User(t, "cl_app", "apppw")
	conns := m.Open(t, 3, app, "apppw")
	if _, err := conns[0].C.ExecContext(ctx(t), "START TRANSACTION WITH CONSISTENT SNAPSHOT"); err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, m.RootURL())
	// InnoDB serves information_schema.INNODB_TRX from a cache it refreshes
	// only when nobody has read it for 0.1 s: read just after another
	// client (a test beside this one) did, it may not show the transaction
	// yet. Poll, slower than that, until it does.
	var snap *engine.Snapshot
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(300 * time.Millisecond) {
		var err error
		if snap, err = e.Snapshot(ctx(t)); err != nil {
			t.Fatal(err)
		}
		if snap.ActiveByUser[app] == 0 && countState(snap, app, engine.StateIdleInTxn) == 1 || time.Now().After(deadline) {
			break
		}
	}
	if snap.Capacity != snap.MaxConnections || snap.Reserved != 1 || snap.MaxConnections < 10 {
		t.Errorf("max %d reserved %d capacity %d", snap.MaxConnections, snap.Reserved, snap.Capacity)
	}
	if snap.ByUser[app] != 3 {
		t.Fatalf("by_user[%s] = %d, want 3 (%v)", app, snap.ByUser[app], snap.ByUser)
	}
	states := map[int64]string{}
	for _, s := range snap.Sessions {
		if s.User == app {
			states[s.PID] = s.State
			if s.Client != "127.0.0.1" && s.Client != "localhost" {
				t.Errorf("client = %q", s.Client)
			}
		}
	}
	if states[conns[0].ID] != engine.StateIdleInTxn || states[conns[1].ID] != engine.StateIdle {
		t.Errorf("states = %v; want %d idle in transaction and %d idle", states, conns[0].ID, conns[1].ID)
	}
	if snap.Self == nil || snap.Self.PID != e.ConnectionID() || snap.Self.Application != engine.SelfName {
		t.Errorf("self = %+v, connection id %d", snap.Self, e.ConnectionID())
	}
	for _, s := range snap.Sessions {
		if s.PID == e.ConnectionID() {
			t.Errorf("own thread counted: %+v", s)
		}
	}
	if snap.Extra["threads_connected"] < 4 {
		t.Errorf("threads_connected = %v", snap.Extra["threads_connected"])
	}
}

func TestMissingProcessGrantThenGranted(t *testing.T) {
	m := livetest.MySQLServer(t)
	mon := m.User(t, "cl_mon", "monpw")
	e := newEngine(t, m.URL(mon, "monpw"))
	_, err := e.Snapshot(ctx(t))
	var ee *engine.Error
	if !errors.As(err, &ee) || ee.Kind != engine.Privilege || ee.Grant != "PROCESS" {
		t.Fatalf("err = %v, want a privilege error naming PROCESS", err)
	}
	if !strings.Contains(ee.Msg, "GRANT PROCESS ON *.* TO") {
		t.Errorf("message = %q", ee.Msg)
	}
	m.Exec(t, fmt.Sprintf("GRANT PROCESS ON *.* TO '%s'@'%%'", mon))
	e2 := newEngine(t, m.URL(mon, "monpw"))
	snap, err := e2.Snapshot(ctx(t))
	if err != nil {
		t.Fatalf("after GRANT PROCESS: %v", err)
	}
	if snap.ByUser["root"] < 1 {
		t.Errorf("after GRANT PROCESS the root session is not visible: %v", snap.ByUser)
	}
}

func TestWrongPasswordNotEchoed(t *testing.T) {
	m := livetest.MySQLServer(t)
	u := m.User(t, "cl_pw", "rightpw")
	e := newEngine(t, m.URL(u, "Wr0ngPa55word"))
	_, err := e.Snapshot(ctx(t))
	if engine.KindOf(err) != engine.Auth {
		t.Fatalf("err = %v, want auth", err)
	}
	if strings.Contains(err.Error(), "Wr0ngPa55word") {
		t.Fatalf("password echoed: %v", err)
	}
}

func TestTerminateIdleThreads(t *testing.T) {
	m := livetest.MySQLServer(t)
	app := m.User(t, "cl_idle", "pw")
	other := m.User(t, "cl_keep", "pw")
	victims := m.Open(t, 3, app, "pw")
	keep := m.Open(t, 1, other, "pw")
	if _, err := victims[2].C.ExecContext(ctx(t), "START TRANSACTION WITH CONSISTENT SNAPSHOT"); err != nil {
		t.Fatal(err)
	}
	// Margins of seconds: the victims are idle at least idleAge before each
	// run; the young thread is pinged (which makes it young again) right
	// before the run that must spare it.
	const idleAge = 2 * time.Second
	waitIdle(t, m, victims, idleAge)

	e := newEngine(t, m.RootURL())
	f := engine.TerminateFilter{IdleOlder: idleAge, Users: []string{app}}
	dry, err := e.Terminate(ctx(t), f, false)
	if err != nil {
		t.Fatal(err)
	}
	var ids, want []int64
	for _, s := range dry {
		ids = append(ids, s.PID)
		if s.Done {
			t.Errorf("dry run says terminated: %+v", s)
		}
	}
	for _, v := range victims {
		want = append(want, v.ID)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Fatalf("dry run selected %v, want %v", ids, want)
	}
	for _, v := range victims {
		if err := v.C.PingContext(ctx(t)); err != nil {
			t.Fatalf("dry run killed %d: %v", v.ID, err)
		}
	}
	young := m.Open(t, 1, app, "pw")[0] // idle, but not for idleAge
	waitIdle(t, m, victims, idleAge)    // the pings made them young again
	if err := young.C.PingContext(ctx(t)); err != nil {
		t.Fatal(err)
	}
	done, err := e.Terminate(ctx(t), f, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(done) != 3 {
		t.Fatalf("execute terminated %+v, want the 3 idle threads", done)
	}
	for _, s := range done {
		if !s.Done {
			t.Errorf("not terminated: %+v", s)
		}
	}
	// KILL returns before the thread has left the processlist.
	left := fmt.Sprintf("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID IN (%d, %d, %d)", victims[0].ID, victims[1].ID, victims[2].ID)
	for deadline := time.Now().Add(20 * time.Second); m.Int(t, left) != 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d victims still connected", m.Int(t, left))
		}
	}
	alive := m.Int(t, fmt.Sprintf("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID IN (%d, %d)", keep[0].ID, young.ID))
	if alive != 2 {
		t.Errorf("other user's or the young session was killed (%d of 2 left)", alive)
	}
}

func TestReconnectsAfterKill(t *testing.T) {
	m := livetest.MySQLServer(t)
	e := newEngine(t, m.RootURL())
	if _, err := e.Snapshot(ctx(t)); err != nil {
		t.Fatal(err)
	}
	old := e.ConnectionID()
	m.Exec(t, fmt.Sprintf("KILL CONNECTION %d", old))
	snap, err := e.Snapshot(ctx(t))
	if err != nil {
		t.Fatalf("poll after its connection was killed: %v", err)
	}
	if snap.Self == nil || snap.Self.PID == old {
		t.Fatalf("still on killed thread %d: self %+v", old, snap.Self)
	}
}

// waitIdle waits until every connection has been idle (processlist TIME,
// whole seconds) for at least age.
func waitIdle(t *testing.T, m *livetest.MySQL, conns []*livetest.Conn, age time.Duration) {
	t.Helper()
	ids := make([]string, len(conns))
	for i, c := range conns {
		ids[i] = fmt.Sprint(c.ID)
	}
	q := fmt.Sprintf("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID IN (%s) AND TIME >= %d", strings.Join(ids, ","), int(age.Seconds()))
	for deadline := time.Now().Add(30 * time.Second); m.Int(t, q) < len(conns); {
		if time.Now().After(deadline) {
			t.Fatalf("connections %v never idle for %s", ids, age)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Without CONNECTION ADMIN, KILL of another user's thread fails: every
// matching thread is still listed, with the reason, and the error names
// the grant. Before, terminate stopped at the first and listed only it.
func TestTerminateWithoutKillPrivilege(t *testing.T) {
	m := livetest.MySQLServer(t)
	app := m.User(t, "cl_nokill", "pw")
	mon := m.User(t, "cl_nokmon", "pw", "PROCESS")
	victims := m.Open(t, 2, app, "pw")
	const idleAge = 2 * time.Second
	waitIdle(t, m, victims, idleAge)
	e := newEngine(t, m.URL(mon, "pw"))
	out, err := e.Terminate(ctx(t), engine.TerminateFilter{IdleOlder: idleAge, Users: []string{app}, IncludeSuperuser: true}, true)
	var ee *engine.Error
	if !errors.As(err, &ee) || ee.Kind != engine.Privilege || ee.Grant != "CONNECTION ADMIN" || !strings.Contains(ee.Msg, "2 of 2 matching sessions") {
		t.Fatalf("err = %v, want a privilege error naming CONNECTION ADMIN for 2 of 2", err)
	}
	if len(out) != 2 {
		t.Fatalf("listed %+v, want both threads", out)
	}
	for _, s := range out {
		if s.Done || s.MissingGrant != "CONNECTION ADMIN" || !strings.Contains(s.Reason, "GRANT CONNECTION ADMIN") {
			t.Errorf("session %+v", s)
		}
	}
	if n := m.Int(t, fmt.Sprintf("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '%s'", app)); n != 2 {
		t.Errorf("%d threads left, want 2", n)
	}
}

func countState(snap *engine.Snapshot, user, state string) int {
	n := 0
	for _, s := range snap.Sessions {
		if s.User == user && s.State == state {
			n++
		}
	}
	return n
}
