package postgres_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/live/engine"
	"github.com/connlint/connlint/live/livetest"
	"github.com/connlint/connlint/live/postgres"
	"github.com/jackc/pgx/v5"
)

var cluster = livetest.SharedPG{Options: livetest.PGOptions{MaxConnections: 20, SuperuserReserved: 3}}

func TestMain(m *testing.M) {
	code := m.Run()
	cluster.Stop()
	os.Exit(code)
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func newEngine(t *testing.T, dsn string) *postgres.Engine {
	t.Helper()
	e, err := postgres.New(dsn, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func TestCapacityCountsOnlyClientBackends(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Open(t, 4, "postgres", "postgres", "orders", "")
	pg.Open(t, 2, "postgres", "postgres", "billing", "")

	// A walsender (replication connection) is a backend but not a client
	// backend; autovacuum launcher, checkpointer and friends are always there.
	rc, err := pgx.ParseConfig(pg.DSN("postgres", "postgres", "application_name=replica"))
	if err != nil {
		t.Fatal(err)
	}
	rc.RuntimeParams["replication"] = "database"
	walsender, err := pgx.ConnectConfig(ctx(t), rc)
	if err != nil {
		t.Fatalf("replication connection: %v", err)
	}
	defer walsender.Close(context.Background())

	e := newEngine(t, pg.DSN("postgres", "postgres", ""))
	snap, err := e.Snapshot(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if snap.MaxConnections != 20 || snap.Reserved != 3 || snap.Capacity != 17 {
		t.Errorf("max/reserved/capacity = %d/%d/%d, want 20/3/17", snap.MaxConnections, snap.Reserved, snap.Capacity)
	}
	if snap.Used != 7 {
		t.Errorf("used = %d, want 7 (4 orders + 2 billing + the harness's helper session); sessions: %+v", snap.Used, snap.Sessions)
	}
	if snap.ByApplication["orders"] != 4 || snap.ByApplication["billing"] != 2 {
		t.Errorf("by_application = %v", snap.ByApplication)
	}
	if _, ok := snap.ByApplication["replica"]; ok {
		t.Errorf("walsender counted: %v", snap.ByApplication)
	}
	if snap.Self == nil || snap.Self.Application != engine.SelfName || uint32(snap.Self.PID) != e.PID() {
		t.Errorf("self = %+v, want application connlint pid %d", snap.Self, e.PID())
	}
	if snap.ByClientAddr["127.0.0.1"] != 6 {
		t.Errorf("by_client_addr = %v", snap.ByClientAddr)
	}

	var all int
	c := pg.Open(t, 1, "postgres", "postgres", "counter", "")[0]
	if err := c.QueryRow(ctx(t), "SELECT count(*) FROM pg_stat_activity").Scan(&all); err != nil {
		t.Fatal(err)
	}
	if all <= 8 {
		t.Errorf("pg_stat_activity has %d rows; expected background processes too", all)
	}
}

func TestEachPollIsFresh(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	e := newEngine(t, pg.DSN("postgres", "postgres", ""))
	first, err := e.Snapshot(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	pg.Open(t, 3, "postgres", "postgres", "later", "")
	second, err := e.Snapshot(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if second.Used != first.Used+3 {
		t.Fatalf("second poll used = %d, first %d: the poll did not see the new sessions", second.Used, first.Used)
	}
	if first.Self.PID != second.Self.PID {
		t.Errorf("engine reconnected between polls: pid %d then %d", first.Self.PID, second.Self.PID)
	}
}

func TestReconnectsAfterBackendTerminated(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	e := newEngine(t, pg.DSN("postgres", "postgres", ""))
	if _, err := e.Snapshot(ctx(t)); err != nil {
		t.Fatal(err)
	}
	old := e.PID()
	pg.Exec(t, "SELECT pg_terminate_backend($1)", int(old))
	snap, err := e.Snapshot(ctx(t))
	if err != nil {
		t.Fatalf("poll after the backend was terminated: %v", err)
	}
	if uint32(snap.Self.PID) == old {
		t.Fatalf("still on the terminated backend %d", old)
	}
}

// Without pg_monitor the engine still counts every backend, marks the
// ones it cannot look at hidden and names the grant.
func TestUnprivilegedRoleNamesGrant(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Exec(t, "DROP ROLE IF EXISTS watcher")
	pg.Exec(t, "CREATE ROLE watcher LOGIN")
	t.Cleanup(func() { pg.TerminateOthers(t); pg.Exec(t, "DROP ROLE IF EXISTS watcher") })
	pg.Open(t, 2, "postgres", "postgres", "someone", "")

	e := newEngine(t, pg.DSN("watcher", "postgres", ""))
	blind, err := e.Snapshot(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	// The two sessions and the harness's helper session are hidden.
	if blind.MissingGrant != "pg_monitor" || blind.Hidden != 3 || blind.Used != 3 || blind.ByApplication["someone"] != 2 || blind.ByState[engine.StateUnknown] != 3 {
		t.Fatalf("without pg_monitor: missing %q hidden %d used %d by_application %v by_state %v", blind.MissingGrant, blind.Hidden, blind.Used, blind.ByApplication, blind.ByState)
	}
	if !strings.Contains(blind.HiddenNote, "GRANT pg_monitor TO watcher") {
		t.Errorf("note = %q", blind.HiddenNote)
	}
	pg.Exec(t, "GRANT pg_monitor TO watcher")
	snap, err := e.Snapshot(ctx(t))
	if err != nil {
		t.Fatalf("after GRANT pg_monitor: %v", err)
	}
	if snap.ByApplication["someone"] != 2 || snap.ByState[engine.StateIdle] < 2 || snap.Hidden != 0 || snap.MissingGrant != "" {
		t.Fatalf("after GRANT pg_monitor: by_application %v by_state %v", snap.ByApplication, snap.ByState)
	}
}

func TestLimits(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Exec(t, "DROP DATABASE IF EXISTS limited")
	pg.Exec(t, "CREATE DATABASE limited CONNECTION LIMIT 5")
	pg.Exec(t, "DROP ROLE IF EXISTS capped")
	pg.Exec(t, "CREATE ROLE capped LOGIN CONNECTION LIMIT 2")
	t.Cleanup(func() {
		pg.TerminateOthers(t)
		pg.Exec(t, "DROP DATABASE IF EXISTS limited")
		pg.Exec(t, "DROP ROLE IF EXISTS capped")
	})
	pg.Open(t, 2, "capped", "limited", "capped-app", "")
	pg.Open(t, 1, "postgres", "limited", "other", "")
	e := newEngine(t, pg.DSN("postgres", "postgres", ""))
	snap, err := e.Snapshot(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]engine.Limit{}
	for _, l := range snap.Limits {
		got[l.Kind+"/"+l.Name] = l
	}
	if l := got["role/capped"]; l.Limit != 2 || l.Actual != 2 {
		t.Errorf("role capped limit = %+v, want 2 of 2", l)
	}
	if l := got["database/limited"]; l.Limit != 5 || l.Actual != 3 {
		t.Errorf("database limited limit = %+v, want 3 of 5", l)
	}
}

func TestExhaustedConnectIsClassified(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Exec(t, "DROP ROLE IF EXISTS filler")
	pg.Exec(t, "CREATE ROLE filler LOGIN IN ROLE pg_monitor")
	t.Cleanup(func() { pg.TerminateOthers(t); pg.Exec(t, "DROP ROLE IF EXISTS filler") })
	// 17 ordinary slots: the harness's helper session holds one, fill the rest.
	pg.Open(t, 16, "filler", "postgres", "filler", "")
	e := newEngine(t, pg.DSN("filler", "postgres", ""))
	_, err := e.Snapshot(ctx(t))
	var ee *engine.Error
	if !errors.As(err, &ee) || ee.Kind != engine.Exhausted {
		t.Fatalf("err = %v, want exhausted", err)
	}
	t.Logf("server said: %s", ee.Msg)
}

func TestBadPasswordNotEchoed(t *testing.T) {
	pg := cluster.Get(t)
	// trust auth accepts anything, so aim at a closed port: the DSN's
	// password must not come back in the error.
	port, err := livetest.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	dsn := "postgres://u:Sup3rS3cret@127.0.0.1:" + itoa(port) + "/db?connect_timeout=2"
	e := newEngine(t, dsn)
	_, err = e.Snapshot(ctx(t))
	if err == nil {
		t.Fatal("expected an error")
	}
	if kind := engine.KindOf(err); kind != engine.Unreachable {
		t.Errorf("kind = %v, want unreachable", kind)
	}
	if contains(err.Error(), "Sup3rS3cret") {
		t.Fatalf("password in error: %v", err)
	}
	_ = pg
}

func TestWrongPasswordNotEchoed(t *testing.T) {
	pg := cluster.Get(t)
	pg.Exec(t, "DROP ROLE IF EXISTS pw_user")
	pg.Exec(t, "DROP ROLE IF EXISTS password_users")
	pg.Exec(t, "CREATE ROLE password_users")
	pg.Exec(t, "CREATE ROLE pw_user LOGIN PASSWORD 'Right-Pa55' IN ROLE password_users")
	t.Cleanup(func() {
		pg.Exec(t, "DROP ROLE IF EXISTS pw_user")
		pg.Exec(t, "DROP ROLE IF EXISTS password_users")
	})
	dsn := "postgres://pw_user:Wr0ng-Secret@127.0.0.1:" + itoa(pg.Port) + "/postgres?sslmode=disable"
	e := newEngine(t, dsn)
	_, err := e.Snapshot(ctx(t))
	if engine.KindOf(err) != engine.Auth {
		t.Fatalf("err = %v, want an authentication error", err)
	}
	if contains(err.Error(), "Wr0ng-Secret") {
		t.Fatalf("password in error: %v", err)
	}
	ok := newEngine(t, "postgres://pw_user:Right-Pa55@127.0.0.1:"+itoa(pg.Port)+"/postgres?sslmode=disable")
	if snap, err := ok.Snapshot(ctx(t)); err != nil || snap.MissingGrant != "pg_monitor" {
		t.Fatalf("right password, no grant: err = %v, want a count naming pg_monitor", err)
	}
}
