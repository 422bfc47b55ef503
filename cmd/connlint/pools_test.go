package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/connlint/connlint/internal/pools"
	"github.com/connlint/connlint/live/livetest"
)

// poolsFixture is a project of testdata/pools; a Go one has its module
// cache filled first.
func poolsFixture(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(repoPath("testdata/pools/" + name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
		dl := exec.Command("go", "mod", "download")
		dl.Dir = dir
		if out, err := dl.CombinedOutput(); err != nil {
			t.Skipf("module cache for %s cannot be filled (go mod download: %v): %s", name, err, out)
		}
	}
	return dir
}

func decodePlan(t *testing.T, out, stderr string) *pools.Plan {
	t.Helper()
	var p pools.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("not the plan's JSON: %v\n%s\nstderr: %s", err, out, stderr)
	}
	return &p
}

func TestPoolsExitStatus(t *testing.T) {
	dir := poolsFixture(t, "next-prisma")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		// Serverless, no replicas, no capacity: cannot tell.
		{[]string{"pools", "--cpus", "2"}, 2, "Verdict: CANNOT TELL"},
		// 20 instances x (2*4+1) = 180 connections > 97.
		{[]string{"pools", "--cpus", "4", "--replicas", "shop=20", "--max-connections", "100"}, 1, "Verdict: EXCEEDS"},
		// 10 x 5 = 50 <= 97.
		{[]string{"pools", "--cpus", "2", "--replicas", "shop=10", "--max-connections", "100"}, 0, "headroom 47: FITS"},
		// A rolling deploy doubles it: 100 > 97.
		{[]string{"pools", "--cpus", "2", "--replicas", "shop=10", "--max-connections", "100", "--surge"}, 1, "Verdict: EXCEEDS"},
		{[]string{"pools", "--cpus", "2", "--replicas", "shop=10", "--max-connections", "60", "--reserved", "10"}, 0, "capacity 50 (max_connections 60 - reserved 10"},
	} {
		out, stderr, code := connlint(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.want) {
			t.Errorf("connlint %s: exit %d, want %d with %q\n%s%s", strings.Join(tc.args, " "), code, tc.code, tc.want, out, stderr)
		}
	}
}

func TestPoolsFormats(t *testing.T) {
	dir := poolsFixture(t, "next-prisma")
	out, stderr, code := connlint(t, dir, "pools", "--cpus", "2", "--replicas", "shop=10", "--max-connections", "100", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	p := decodePlan(t, out, stderr)
	if p.Verdict != pools.Fits || len(p.Sites) != 2 || p.Sites[0].ID != "lib/prisma.ts:5" || *p.Servers[0].Capacity != 97 {
		t.Errorf("plan: verdict %s, sites %d, servers %+v", p.Verdict, len(p.Sites), p.Servers)
	}
	md, _, _ := connlint(t, dir, "pools", "--cpus", "2", "--format", "markdown")
	for _, want := range []string{"## Connection capacity plan", "| `lib/prisma.ts:5` | @prisma/client | `new PrismaClient` | pool | postgres | 5 (2*cpus+1) |", "### To look at"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestPoolsUsageErrors(t *testing.T) {
	dir := poolsFixture(t, "next-prisma")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"pools", "--format", "xml"}, `--format "xml": want text, json or markdown`},
		{[]string{"pools", "--replicas", "shop"}, "want APP=N"},
		{[]string{"pools", "--replicas", "nope=2"}, `no application named "nope" (applications: shop)`},
		{[]string{"pools", "--reserved", "3"}, "--reserved needs --max-connections"},
		{[]string{"pools", "--max-connections", "10", "--reserved", "10"}, "leaves no slot"},
		{[]string{"pools", "--cpus", "0"}, "--cpus 0: want 1 or more"},
		{[]string{"pools", "no-such-folder"}, "no-such-folder: no such file or directory"},
		{[]string{"pools", "--dsn", "postgres://u:Hunter2-Secret@127.0.0.1:1/db", "--max-connections", "5"}, "--dsn and --max-connections"},
	} {
		out, stderr, code := connlint(t, dir, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) || strings.Contains(out+stderr, "Hunter2") {
			t.Errorf("connlint %s: exit %d, want 2 with %q\nstdout: %s\nstderr: %s", strings.Join(tc.args, " "), code, tc.want, out, stderr)
		}
	}
}

// TestPoolsPlanAgainstLiveCounts: the plan of testdata/pools/live-service,
// its capacity read from a throwaway PostgreSQL; then pools opened as the
// service's code opens them (pgxpool and database/sql, the limits the plan
// found, application_name set as its config says), held full; connlint
// live --plan says OK within the plan and CRITICAL, naming the
// application, once a second pool goes beyond it.
func TestPoolsPlanAgainstLiveCounts(t *testing.T) {
	dir := poolsFixture(t, "live-service")
	pg := cleanPG(t)
	const secret = "Pools-Pa55-Secret"
	pgRole(t, pg, "pools_owner", "PASSWORD '"+secret+"' SUPERUSER")
	dsn := strings.Replace(pg.DSN("pools_owner", "postgres", ""), "pools_owner@", "pools_owner:"+secret+"@", 1)

	// The plan, its capacity read from the server.
	out, stderr, code := connlint(t, dir, "pools", "--cpus", "2", "--format", "json", "--dsn", dsn)
	if strings.Contains(out+stderr, secret) {
		t.Fatalf("the password is in the output:\n%s%s", out, stderr)
	}
	if code != 0 {
		t.Fatalf("connlint pools: exit %d, want 0 (fits)\n%s%s", code, out, stderr)
	}
	plan := decodePlan(t, out, stderr)
	srv := plan.Servers[0]
	if srv.Kind != "postgres" || *srv.MaxConnections != 40 || *srv.Reserved != 3 || *srv.Capacity != 37 || srv.Planned.Known != 9 {
		t.Fatalf("server %+v planned %s, want postgres 40 - 3 = 37, planned 9", srv, srv.Planned)
	}
	if !strings.Contains(srv.CapacitySource, "pools_owner:xxxxx@") && !strings.Contains(srv.CapacitySource, "pools_owner@") {
		t.Errorf("capacity source %q: want the DSN, password masked", srv.CapacitySource)
	}
	planFile := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(planFile, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}

	// Open every pool of the plan and fill it.
	held := map[string]int{}
	for _, a := range plan.Apps {
		name := a.Match.ApplicationNames[0]
		for _, id := range a.Sites {
			s := siteByID(plan, id)
			held[name] += fillPool(t, pg, s, name)
		}
	}
	if held["orders-api"] != 7 || held["orders-worker"] != 2 {
		t.Fatalf("held %v, want orders-api 7, orders-worker 2", held)
	}
	res, code := livePlan(t, dir, pg, planFile)
	if code != 0 || res.ByApplication["orders-api"] != 7 || res.ByApplication["orders-worker"] != 2 {
		t.Fatalf("within the plan: exit %d (want 0), by_application %v\n%+v", code, res.ByApplication, res.Checks)
	}
	api := findCheck(t, res, "budget:app:orders-api")
	if api.Status != "OK" || !strings.Contains(api.Message, "holds 7 connections, its pools allow 7") {
		t.Errorf("api within plan: %+v", api)
	}
	if b := findBudget(res, "orders-api"); b == nil || b.Source != "plan" || b.PlanApp != "api" || b.Limit != 7 || b.Actual != 7 {
		t.Errorf("budget result: %+v", b)
	}

	// A second pool in the api, beyond its plan.
	extra := openPgxPool(t, pg, "orders-api", 2)
	_ = extra
	res, code = livePlan(t, dir, pg, planFile)
	api = findCheck(t, res, "budget:app:orders-api")
	if code != 2 || res.Status != "CRITICAL" || api.Status != "CRITICAL" ||
		!strings.Contains(api.Message, "application api (application_name orders-api) holds 9 connections, more than the 7 its pools allow") ||
		!strings.Contains(api.Message, "a second client or a leak") {
		t.Errorf("beyond the plan: exit %d, status %s, check %+v", code, res.Status, api)
	}
	if w := findCheck(t, res, "budget:app:orders-worker"); w.Status != "OK" {
		t.Errorf("worker: %+v", w)
	}
}

func siteByID(p *pools.Plan, id string) *pools.Site {
	for _, s := range p.Sites {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// fillPool opens the site's pool as the code does, with its limit, and
// holds every connection it allows; it returns how many.
func fillPool(t *testing.T, pg *livetest.PG, s *pools.Site, app string) int {
	t.Helper()
	if s.Max.Max == nil {
		t.Fatalf("%s: no known maximum", s.ID)
	}
	n := *s.Max.Max
	switch s.Library {
	case "github.com/jackc/pgx/v5/pgxpool":
		openPgxPool(t, pg, app, n)
	case "database/sql":
		db, err := sql.Open("pgx", pg.DSN("postgres", "postgres", "application_name="+app))
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(n)
		t.Cleanup(func() { db.Close() })
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		for i := 0; i < n; i++ {
			c, err := db.Conn(ctx)
			if err != nil {
				t.Fatalf("%s: conn %d of %d: %v", s.ID, i+1, n, err)
			}
			if err := c.PingContext(ctx); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { c.Close() })
		}
	default:
		t.Fatalf("%s: no way to open a %s pool here", s.ID, s.Library)
	}
	return n
}

// openPgxPool opens a pgxpool of n connections and acquires all of them.
func openPgxPool(t *testing.T, pg *livetest.PG, app string, n int) *pgxpool.Pool {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	pool, err := pgxpool.New(ctx, pg.DSN("postgres", "postgres", fmt.Sprintf("application_name=%s&pool_max_conns=%d", app, n)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	for i := 0; i < n; i++ {
		c, err := pool.Acquire(ctx)
		if err != nil {
			t.Fatalf("acquire %d of %d: %v", i+1, n, err)
		}
		t.Cleanup(c.Release)
	}
	return pool
}

type planLive struct {
	Status        string         `json:"status"`
	ByApplication map[string]int `json:"by_application"`
	Budgets       []struct {
		App     string `json:"app"`
		Limit   int    `json:"limit"`
		Actual  int    `json:"actual"`
		Status  string `json:"status"`
		Source  string `json:"source"`
		PlanApp string `json:"plan_app"`
	} `json:"budgets"`
	Checks []liveCheck `json:"checks"`
}

func livePlan(t *testing.T, dir string, pg *livetest.PG, planFile string) (*planLive, int) {
	t.Helper()
	out, stderr, code := connlint(t, dir, "live", "--dsn", pg.DSN("postgres", "postgres", ""), "--plan", planFile, "--format", "json")
	var r planLive
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s%s", err, out, stderr)
	}
	return &r, code
}

func findCheck(t *testing.T, r *planLive, name string) liveCheck {
	t.Helper()
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no check %s in %+v", name, r.Checks)
	return liveCheck{}
}

func findBudget(r *planLive, app string) *struct {
	App     string `json:"app"`
	Limit   int    `json:"limit"`
	Actual  int    `json:"actual"`
	Status  string `json:"status"`
	Source  string `json:"source"`
	PlanApp string `json:"plan_app"`
} {
	for i := range r.Budgets {
		if r.Budgets[i].App == app {
			return &r.Budgets[i]
		}
	}
	return nil
}
