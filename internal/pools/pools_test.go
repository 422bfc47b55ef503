package pools

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fixture is a project under testdata/pools.
func fixture(t *testing.T, name string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "pools", name))
	if err != nil {
		t.Fatal(err)
	}
	if fileExists(filepath.Join(dir, "go.mod")) {
		if testing.Short() {
			t.Skip("loads real Go libraries")
		}
		dl := exec.Command("go", "mod", "download")
		dl.Dir = dir
		if out, err := dl.CombinedOutput(); err != nil {
			t.Skipf("module cache for %s cannot be filled (go mod download: %v): %s", name, err, out)
		}
	}
	return dir
}

func runFixture(t *testing.T, dir string, opts Options) *Plan {
	t.Helper()
	opts.WorkDir = dir
	if opts.CPUs == 0 {
		opts.CPUs = 2
	}
	p, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(p.Errors) > 0 {
		t.Errorf("errors: %q", p.Errors)
	}
	return p
}

// expectation is a `// pools: key=value ...` comment on a construction's
// line: what the inventory must say of the site there.
type expectation struct {
	at   string
	want map[string]string
}

var expectRe = regexp.MustCompile(`// pools: (.*)$`)

func expectations(t *testing.T, dir string) map[string]expectation {
	t.Helper()
	out := map[string]expectation{}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		switch filepath.Ext(path) {
		case ".go", ".ts", ".tsx", ".js", ".mjs":
		default:
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			m := expectRe.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			rel, _ := filepath.Rel(dir, path)
			at := fmt.Sprintf("%s:%d", filepath.ToSlash(rel), n)
			e := expectation{at: at, want: map[string]string{}}
			for _, kv := range strings.Fields(m[1]) {
				k, v, _ := strings.Cut(kv, "=")
				e.want[k] = v
			}
			out[at] = e
		}
		return nil
	})
	return out
}

// got renders what the test compares of a site.
func got(s *Site) map[string]string {
	m := map[string]string{
		"kind": s.Kind, "server": s.Server, "state": s.Max.State, "source": s.Max.Source,
		"instances": fmt.Sprint(s.Instances), "script": fmt.Sprint(s.Script),
		"apps": strings.Join(s.Apps, ","),
	}
	if s.Max.Max != nil {
		m["max"] = fmt.Sprint(*s.Max.Max)
	}
	return m
}

func checkSites(t *testing.T, dir string, p *Plan) {
	t.Helper()
	exp := expectations(t, dir)
	if len(exp) == 0 {
		t.Fatal("the fixture marks no construction")
	}
	seen := map[string]bool{}
	for _, s := range p.Sites {
		seen[s.ID] = true
		e, ok := exp[s.ID]
		if !ok {
			t.Errorf("%s: a site the fixture does not mark: %s %s, max %s (%s)", s.ID, s.Library, s.Call, s.Max, s.Max.Where)
			continue
		}
		g := got(s)
		for k, want := range e.want {
			if g[k] != want {
				t.Errorf("%s: %s = %q, want %q (max %s: %s; notes %q)", s.ID, k, g[k], want, s.Max, s.Max.Where, s.Notes)
			}
		}
	}
	for at := range exp {
		if !seen[at] {
			t.Errorf("%s: marked, but not in the inventory", at)
		}
	}
}

func TestInventoryNodeService(t *testing.T) {
	dir := fixture(t, "node-service")
	p := runFixture(t, dir, Options{})
	checkSites(t, dir, p)
	if len(p.Apps) != 1 || p.Apps[0].Name != "orders-api" || p.Apps[0].Kind != "node" {
		t.Fatalf("apps: %+v", p.Apps)
	}
	// A pool per request leaves the postgres total unbounded.
	if pg := p.Apps[0].PerInstance["postgres"]; pg == nil || pg.State != Unbounded {
		t.Errorf("postgres per process: %+v, want unbounded", pg)
	}
	if !slices.Contains(p.Scripts, "scripts/migrate.ts:4") {
		t.Errorf("scripts: %q", p.Scripts)
	}
	// A password in the code is masked wherever the plan quotes the code.
	var text, js strings.Builder
	WriteText(&text, p)
	WriteMarkdown(&text, p)
	if err := WriteJSON(&js, p); err != nil {
		t.Fatal(err)
	}
	if out := text.String() + js.String(); strings.Contains(out, "Hunter2") || !strings.Contains(out, "reports:xxxxx@db") {
		t.Errorf("the password in src/db/prisma-url.ts is not masked:\n%s", out)
	}
}

func TestInventoryGoService(t *testing.T) {
	dir := fixture(t, "go-service")
	p := runFixture(t, dir, Options{})
	checkSites(t, dir, p)
	apps := map[string]*App{}
	for _, a := range p.Apps {
		apps[a.Name] = a
	}
	api, worker := apps["api"], apps["worker"]
	if api == nil || worker == nil || len(apps) != 2 {
		t.Fatalf("apps: %v", apps)
	}
	// api: store 25 + gorm 9 + pgxpool 12 + 8 + pgx.Connect 1 + the
	// audit pool, whose limit its caller passes (15).
	if a := api.PerInstance["postgres"]; a.State != Known || a.Known != 70 {
		t.Errorf("api postgres per process = %s, want 70", a)
	}
	// worker: cache.New called twice, 26 each (PoolSize 16 + pipeline pool 10).
	if a := worker.PerInstance["redis"]; a.State != Known || a.Known != 52 {
		t.Errorf("worker redis per process = %s, want 52", a)
	}
	if a := worker.PerInstance["mysql"]; a.State != Unbounded {
		t.Errorf("worker mysql = %s, want unbounded", a)
	}
	// The pgx DSN's application_name is what api's live connections carry.
	if !slices.Equal(api.Match.ApplicationNames, []string{"orders-api"}) {
		t.Errorf("api match = %+v", api.Match)
	}
}

func TestInventoryNextPrisma(t *testing.T) {
	dir := fixture(t, "next-prisma")
	p := runFixture(t, dir, Options{})
	checkSites(t, dir, p)
	a := p.Apps[0]
	if !a.Serverless || a.Replicas != nil {
		t.Fatalf("shop: serverless %v replicas %v, want serverless with unknown replicas", a.Serverless, a.Replicas)
	}
	var kinds []string
	for _, f := range p.Findings {
		kinds = append(kinds, f.Kind)
	}
	if !slices.Contains(kinds, "serverless-prisma-default-pool") {
		t.Errorf("findings %q: the seed's shape is not called out", kinds)
	}
	if p.Verdict != Unsure {
		t.Errorf("verdict %s, want unknown (serverless, no replicas, no capacity)", p.Verdict)
	}
}

func TestInventoryMonorepo(t *testing.T) {
	dir := fixture(t, "monorepo")
	p := runFixture(t, dir, Options{})
	checkSites(t, dir, p)
}

func TestPlanVerdicts(t *testing.T) {
	dir := fixture(t, "next-prisma")
	mc := func(n int) *int { return &n }
	for _, tc := range []struct {
		name     string
		opts     Options
		verdict  string
		planned  int
		headroom int
	}{
		// 20 instances x (2*4+1) = 180 > 100 - 3.
		{"default pool, 20 instances", Options{CPUs: 4, Replicas: map[string]int{"shop": 20}, MaxConnections: mc(100), Reserved: 3}, Exceeds, 180, -83},
		{"10 instances of 2 CPUs", Options{CPUs: 2, Replicas: map[string]int{"shop": 10}, MaxConnections: mc(100), Reserved: 3}, Fits, 50, 47},
		{"surge doubles", Options{CPUs: 2, Replicas: map[string]int{"shop": 10}, Surge: true, MaxConnections: mc(100), Reserved: 3}, Exceeds, 100, -3},
		{"no capacity", Options{CPUs: 2, Replicas: map[string]int{"shop": 10}}, Unsure, 50, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := runFixture(t, dir, tc.opts)
			if p.Verdict != tc.verdict {
				t.Errorf("verdict %s, want %s", p.Verdict, tc.verdict)
			}
			srv := p.Servers[0]
			if srv.Kind != "postgres" || srv.Planned.Known != tc.planned {
				t.Errorf("server %s planned %s, want postgres %d", srv.Kind, srv.Planned, tc.planned)
			}
			if tc.verdict != Unsure && (srv.Headroom == nil || *srv.Headroom != tc.headroom) {
				t.Errorf("headroom %v, want %d", srv.Headroom, tc.headroom)
			}
		})
	}
}

func TestPlanUnknownReplicaFlag(t *testing.T) {
	dir := fixture(t, "next-prisma")
	_, err := Run(context.Background(), Options{WorkDir: dir, Replicas: map[string]int{"shopp": 2}})
	if err == nil || !strings.Contains(err.Error(), `no application named "shopp" (applications: shop)`) {
		t.Errorf("err = %v", err)
	}
}

func TestInventoryLiveService(t *testing.T) {
	dir := fixture(t, "live-service")
	p := runFixture(t, dir, Options{})
	checkSites(t, dir, p)
	for _, a := range p.Apps {
		if !a.Configured || a.Replicas == nil || *a.Replicas != 1 {
			t.Errorf("%s: configured %v replicas %v", a.Name, a.Configured, a.Replicas)
		}
	}
}

// TestInventoryPrismaSources: a Prisma client's connection_limit read from
// prisma.config.ts's env("...") (the production env file winning over
// .env) and from a literal url in schema.prisma.
func TestInventoryPrismaSources(t *testing.T) {
	dir := fixture(t, "prisma-sources")
	p := runFixture(t, dir, Options{CPUs: 4})
	checkSites(t, dir, p)
	for _, tc := range []struct{ id, where string }{
		{"orders/src/main.ts:5", "connection_limit=4 in ORDERS_DATABASE_URL (orders/.env.production:1)"},
		{"billing/src/main.ts:4", "datasource url in billing/prisma/schema.prisma:1"},
	} {
		var s *Site
		for _, x := range p.Sites {
			if x.ID == tc.id {
				s = x
			}
		}
		if s == nil || !strings.Contains(s.Max.Where, tc.where) {
			t.Errorf("%s: where = %q, want it to name %q", tc.id, s.Max.Where, tc.where)
		}
	}
}

// TestInventoryGoDefaults: the Go libraries' defaults, the CPU-dependent
// ones evaluated for the plan's CPUs (the fixture's marks are for 8).
func TestInventoryGoDefaults(t *testing.T) {
	dir := fixture(t, "go-defaults")
	checkSites(t, dir, runFixture(t, dir, Options{CPUs: 8}))
	p := runFixture(t, dir, Options{CPUs: 2})
	apps := map[string]*App{}
	for _, a := range p.Apps {
		apps[a.Name] = a
	}
	byID := map[string]*Site{}
	for _, s := range p.Sites {
		byID[s.ID] = s
	}
	// pgxpool: max(4, cpus) = 4; go-redis: 10*cpus + the pipeline pool's 10.
	for id, want := range map[string]string{"cmd/svc/main.go:18": "4 (max(4,cpus))", "cmd/svc/main.go:23": "30 (10*cpus)"} {
		if s := byID[id]; s == nil || s.Max.String() != want {
			t.Errorf("%s for 2 CPUs: %v, want %s", id, s, want)
		}
	}
	// A cluster client's nodes default to 5*cpus each (osscluster.go), not
	// the single client's 10*cpus.
	if s := byID["cmd/svc/main.go:25"]; s == nil || !strings.HasPrefix(s.Max.Where, "10 per cluster node (github.com/redis/go-redis/v9 default per cluster node 5*cpus = 10 for 2 CPUs)") {
		t.Errorf("cluster client for 2 CPUs: %+v", s)
	}
	// consumers: NewLocks returns a struct holding a client, called twice:
	// 2 x (4 + 10); consumer.New, holding a pool, is called in a loop.
	c := apps["consumers"]
	if r := c.PerInstance["redis"]; r.State != Known || r.Known != 28 {
		t.Errorf("consumers redis per process = %s, want 28", r)
	}
	if pg := c.PerInstance["postgres"]; pg.State != Unbounded || !strings.Contains(strings.Join(pg.Reasons, " "), "the call at cmd/consumers/main.go:21 (in a loop)") {
		t.Errorf("consumers postgres per process = %s %q, want unbounded: consumer.New is called in a loop", pg, pg.Reasons)
	}
	// The listen pool stored in the returned struct's field later
	// (c.listen = listen) is New's too.
	for _, id := range []string{"internal/consumer/consumer.go:21", "internal/consumer/consumer.go:27", "internal/consumer/consumer.go:52"} {
		if s := byID[id]; s == nil || len(s.Callers) == 0 {
			t.Errorf("%s: not linked to its factory's calls: %+v", id, s)
		}
	}
	a := apps["svc"]
	if pg := a.PerInstance["postgres"]; pg.State != Known || pg.Known != 4 {
		t.Errorf("postgres per process for 2 CPUs = %s, want 4", pg)
	}
	if r := a.PerInstance["redis"]; r.State != Unknown || r.Known != 30 {
		t.Errorf("redis per process for 2 CPUs = %s, want ≥ 30 + unknown (a cluster client)", r)
	}
	if m := a.PerInstance["mongodb"]; m.State != Known || m.Known != 130 {
		t.Errorf("mongodb per process = %s, want 130", m)
	}
}

// TestPlanSQLBesideRedis: SQL clients whose server the code does not say
// are checked against the SQL server (postgres unless --server says),
// even when Redis clients are the only ones with a known server.
func TestPlanSQLBesideRedis(t *testing.T) {
	dir := fixture(t, "sql-beside-redis")
	mc := 10
	p := runFixture(t, dir, Options{MaxConnections: &mc, Reserved: 3})
	checkSites(t, dir, p)
	if p.Checked != "postgres" || p.Verdict != Fits {
		t.Fatalf("checked %q verdict %s, want postgres fits (7 of 7)", p.Checked, p.Verdict)
	}
	var kinds []string
	for _, s := range p.Servers {
		kinds = append(kinds, s.Kind)
		if s.Kind == "postgres" && s.Planned.Known != 7 {
			t.Errorf("postgres planned %s, want 7", s.Planned)
		}
	}
	if !slices.Equal(kinds, []string{"postgres", "redis"}) {
		t.Errorf("servers %q, want postgres and redis", kinds)
	}
}

func TestLastPathElem(t *testing.T) {
	for in, want := range map[string]string{
		"miniflux.app/v2":                         "miniflux.app",
		"github.com/centrifugal/centrifugo/v6":    "centrifugo",
		"github.com/golang-migrate/migrate/v4":    "migrate",
		"github.com/pressly/goose/v3":             "goose",
		"example.com/orders":                      "orders",
		"example.com/api/v1":                      "v1",
		"example.com/tools/v2beta":                "v2beta",
		"orders":                                  "orders",
		"github.com/jackc/pgx/v5/pgxpool":         "pgxpool",
		"github.com/redis/go-redis/v9":            "go-redis",
		"gopkg.in/yaml.v3":                        "yaml.v3",
		"github.com/riverqueue/river/v10":         "river",
		"github.com/riverqueue/river/riverdriver": "riverdriver",
	} {
		if got := lastPathElem(in); got != want {
			t.Errorf("lastPathElem(%q) = %q, want %q", in, got, want)
		}
	}
}
