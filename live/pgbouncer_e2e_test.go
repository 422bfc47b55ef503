package live

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/live/livetest"
	"github.com/jackc/pgx/v5"
)

func startBouncer(t *testing.T, opt livetest.BouncerOptions) (*livetest.PG, *livetest.Bouncer) {
	t.Helper()
	pg := cluster.Get(t)
	b, err := livetest.StartPgBouncer(pg, opt)
	if err != nil {
		livetest.Unavailable(t, "PgBouncer: %v", err)
	}
	t.Cleanup(b.Stop)
	return pg, b
}

func bouncerClient(t *testing.T, b *livetest.Bouncer, app string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, b.AppDSN("postgres", app))
	if err != nil {
		t.Fatalf("client through pgbouncer: %v\n%s", err, b.Log())
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func TestPgBouncerClientsWaitingIsCritical(t *testing.T) {
	pg, b := startBouncer(t, livetest.BouncerOptions{PoolSize: 2, MaxClientConn: 20})
	pg.TerminateOthers(t)
	ctx := context.Background()
	// Session pooling, pool_size 2: two clients that ran a query hold both
	// server connections.
	for i := 0; i < 2; i++ {
		if _, err := bouncerClient(t, b, "web").Exec(ctx, "SELECT 1"); err != nil {
			t.Fatal(err)
		}
	}
	r, _, res := runJSON(t, "--dsn", b.URL("postgres"))
	// Both server connections busy: nobody waits yet, but the next will.
	if full := check(res, "pool:app/postgres"); r.code != ExitWarning || full == nil || !strings.Contains(full.Message, "is full") {
		t.Fatalf("two clients on a pool of two: exit %d, want WARNING (pool full)\n%s", r.code, r.stdout)
	}
	if res.Engine != "pgbouncer" || res.MaxConnections != 20 || res.Capacity != 20 || res.Used != 2 || res.ByApplication["web"] != 2 {
		t.Errorf("engine %s max %d capacity %d used %d by_application %v", res.Engine, res.MaxConnections, res.Capacity, res.Used, res.ByApplication)
	}
	if res.Self == nil || res.ByApplication["connlint"] != 0 {
		t.Errorf("own admin connection not excluded: self %+v by_application %v", res.Self, res.ByApplication)
	}

	// A third client has to wait for a server connection.
	third := bouncerClient(t, b, "batch")
	qctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); third.Exec(qctx, "SELECT 1") }()
	t.Cleanup(func() { cancel(); <-done }) // before the client is closed
	var waiting bool
	for i := 0; i < 200 && !waiting; i++ {
		_, _, res = runJSON(t, "--dsn", b.URL("postgres"))
		waiting = res.Extra["cl_waiting"] >= 1
		if !waiting {
			time.Sleep(20 * time.Millisecond)
		}
	}
	if !waiting {
		t.Fatalf("no client ever waited: %+v", res.Pools)
	}
	r, _, res = runJSON(t, "--dsn", b.URL("postgres"))
	if r.code != ExitCritical || res.Status != Critical {
		t.Fatalf("client waiting: exit %d, want 2\n%s", r.code, r.stdout)
	}
	c := check(res, "pool:app/postgres")
	if c == nil || c.Status != Critical || !strings.Contains(c.Message, "1 clients waiting") || !strings.Contains(c.Message, "pool_size 2") {
		t.Errorf("pool check = %+v", c)
	}
	var pool *struct{}
	for _, p := range res.Pools {
		if p.Database == "app" && p.User == "postgres" {
			pool = &struct{}{}
			if p.ClWaiting != 1 || p.SvActive != 2 || p.PoolSize != 2 {
				t.Errorf("pool = %+v", p)
			}
		}
	}
	if pool == nil {
		t.Errorf("no app/postgres pool in %+v", res.Pools)
	}
	n := runMain(t, "--dsn", b.URL("postgres"), "--format", "nagios")
	mustContain(t, "nagios", n.stdout, "CONNLINT PGBOUNCER CRITICAL", "cl_waiting=1;;0;0")
	p := runMain(t, "--dsn", b.URL("postgres"), "--format", "prometheus")
	mustContain(t, "prometheus", p.stdout, `pgbouncer_pools_client_waiting_connections{database="app",user="postgres"} 1`, "pgbouncer_config_max_client_connections 20")
}

func TestPgBouncerStatsUserAndUnprivileged(t *testing.T) {
	_, b := startBouncer(t, livetest.BouncerOptions{})
	if r := runMain(t, "--dsn", b.URL("stats")); r.code != ExitOK {
		t.Errorf("stats_users member: exit %d\n%s", r.code, r.stdout)
	}
	r, _, res := runJSON(t, "--dsn", b.URL("appuser"))
	if r.code != ExitUnknown || res.MissingGrant != "admin_users or stats_users" {
		t.Fatalf("user outside admin_users/stats_users: exit %d missing_grant %q\n%s", r.code, res.MissingGrant, r.stdout)
	}
	mustContain(t, "error", res.Error, "stats_users")
}

func TestPgBouncerMaxClientConnIsCritical(t *testing.T) {
	_, b := startBouncer(t, livetest.BouncerOptions{MaxClientConn: 3, PoolSize: 5})
	for i := 0; i < 3; i++ {
		bouncerClient(t, b, "filler")
	}
	// PgBouncer still lets admin_users into the console past
	// max_client_conn, so the check gets in and counts 3 of 3.
	r, _, res := runJSON(t, "--dsn", b.URL("postgres"))
	if r.code != ExitCritical || res.Used != 3 || res.Capacity != 3 {
		t.Fatalf("max_client_conn reached: exit %d used %d of %d, want CRITICAL at 3 of 3\n%s", r.code, res.Used, res.Capacity, r.stdout)
	}
	// An application's client is refused; that is what the check predicts.
	if _, err := pgx.Connect(context.Background(), b.AppDSN("postgres", "late")); err == nil || !strings.Contains(err.Error(), "max_client_conn") {
		t.Errorf("fourth client: %v, want a max_client_conn refusal", err)
	}
}
