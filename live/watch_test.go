package live

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/live/livetest"
	"github.com/jackc/pgx/v5"
)

// connlintSessions counts connlint's own backends and returns their pids.
func connlintSessions(t *testing.T, pg *livetest.PG) []string {
	t.Helper()
	return pg.Query(t, `SELECT pid FROM pg_stat_activity WHERE application_name = 'connlint' ORDER BY pid`)
}

func TestWatchLeakAlertVersusSawtooth(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	ts := buildTargets([]string{pg.DSN("postgres", "postgres", "")}, 5*time.Second)
	defer ts.close()
	o, _ := (&checkFlags{warn: "80%", crit: "95%", leakSamples: 6, format: "text"}).options(nil)
	w := newWatcher(ts, o, 5*time.Second, 6)
	ctx := context.Background()

	pg.Open(t, 1, "postgres", "postgres", "steady", "") // flat: never a leak
	var saw []*pgx.Conn
	var last []*Result
	for i := 0; i < 6; i++ {
		// leaky: one more idle connection every poll, never returned.
		pg.Open(t, 1, "postgres", "postgres", "leaky", "")
		// saw: 1, 2, 3, 1, 2, 3 — a pool that grows under load and shrinks.
		if i == 3 {
			for _, c := range saw {
				c.Close(ctx)
			}
			saw = nil
			pg.TerminateApp(t, "saw")
		}
		saw = append(saw, pg.Open(t, 1, "postgres", "postgres", "saw", "")...)
		last = w.poll(ctx)
		if i < 5 {
			if c := check(last[0], "leak:leaky"); c != nil {
				t.Fatalf("poll %d: leak alert before %d samples: %+v", i+1, 6, c)
			}
		}
	}
	r := last[0]
	if r.ByApplication["leaky"] != 6 || r.ByApplication["saw"] != 3 {
		t.Fatalf("by_application = %v", r.ByApplication)
	}
	leak := check(r, "leak:leaky")
	if leak == nil || leak.Status != Warning {
		t.Fatalf("no leak alert for an application growing 1..6 idle connections; checks: %+v", r.Checks)
	}
	mustContain(t, "leak message", leak.Message, `"leaky"`, "1 -> 6 connections over 6 samples")
	if c := check(r, "leak:saw"); c != nil {
		t.Errorf("sawtooth flagged as a leak: %+v", c)
	}
	if c := check(r, "leak:steady"); c != nil {
		t.Errorf("flat application flagged: %+v", c)
	}
	if r.Status != Warning {
		t.Errorf("status = %v, want WARNING from the leak", r.Status)
	}
	if tr := w.hist.Trend(r.Target, "leaky"); tr != "1 2 3 4 5 6" {
		t.Errorf("trend = %q", tr)
	}
}

func TestWatchModeRunsAndRedraws(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Open(t, 2, "postgres", "postgres", "web", "")
	r := runMain(t, "--dsn", pg.DSN("postgres", "postgres", ""), "--watch", "10ms", "--count", "3")
	if r.code != ExitOK {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if n := strings.Count(r.stdout, "connlint live  every 10ms  poll "); n != 3 {
		t.Errorf("%d screens, want 3:\n%s", n, r.stdout)
	}
	mustContain(t, "watch screen", r.stdout, "APPLICATION", "TREND", "web", "2 2 2")
	j := runMain(t, "--dsn", pg.DSN("postgres", "postgres", ""), "--watch", "10ms", "--count", "2", "--format", "json")
	if n := strings.Count(strings.TrimSpace(j.stdout), "\n") + 1; n != 2 {
		t.Errorf("json watch wrote %d lines, want one object per poll (2)", n)
	}
}

// A thousand polls hold one connection, the same backend, all along.
func TestOneConnectionOverThousandPolls(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	ts := buildTargets([]string{pg.DSN("postgres", "postgres", "")}, 5*time.Second)
	defer ts.close()
	o, _ := (&checkFlags{warn: "80%", crit: "95%", leakSamples: 6, format: "text"}).options(nil)
	w := newWatcher(ts, o, 5*time.Second, 6)
	var pid int64
	for i := 0; i < 1000; i++ {
		rs := w.poll(context.Background())
		if rs[0].Error != "" {
			t.Fatalf("poll %d: %s", i, rs[0].Error)
		}
		if i == 0 {
			pid = rs[0].Self.PID
		} else if rs[0].Self.PID != pid {
			t.Fatalf("poll %d on backend %d, first on %d: reconnected", i, rs[0].Self.PID, pid)
		}
		if i%100 == 0 {
			if got := connlintSessions(t, pg); len(got) != 1 {
				t.Fatalf("poll %d: connlint holds %d sessions %v, want 1", i, len(got), got)
			}
		}
	}
}

func TestExporterMetricsAndProbe(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Open(t, 3, "postgres", "postgres", "api", "")
	name := "main"
	ts := buildTargets([]string{name + "=" + pg.DSN("postgres", "postgres", "")}, 5*time.Second)
	defer ts.close()
	o, _ := (&checkFlags{warn: "80%", crit: "95%", leakSamples: 6, format: "text", budgets: stringList{vals: []string{"api=2"}}}).options(nil)
	srv := httptest.NewServer(newExporter(ts, o, 5*time.Second, 6).handler())
	defer srv.Close()

	get := func(path string) (int, string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := get("/metrics")
	if code != 200 {
		t.Fatalf("/metrics: %d %s", code, body)
	}
	mustContain(t, "/metrics", body,
		`pg_up{target="main"} 1`,
		`pg_settings_max_connections{target="main"} 20`,
		`pg_settings_superuser_reserved_connections{target="main"} 3`,
		`connlint_connections_capacity{engine="postgres",target="main"} 17`,
		`connlint_connections_used{engine="postgres",target="main"} 4`, // 3 api + the harness's helper session,
		`pg_stat_activity_count{application_name="api",datname="postgres",state="idle",target="main",usename="postgres"} 3`,
		`connlint_budget_limit{by="application",engine="postgres",name="api",target="main"} 2`,
		`connlint_status{engine="postgres",target="main"} 2`,
	)
	mustNotContain(t, "/metrics", body, `application_name="connlint"`)

	code, body = get("/probe?target=" + url.QueryEscape(name))
	if code != 200 {
		t.Fatalf("/probe: %d %s", code, body)
	}
	mustContain(t, "/probe", body, "pg_up 1", `connlint_connections_used{engine="postgres"} 4`)
	if code, _ := get("/probe?target=nope"); code != http.StatusBadRequest {
		t.Errorf("unknown target: %d, want 400", code)
	}
	host := "127.0.0.1:" + itoa(pg.Port)
	if code, body := get("/probe?target=" + url.QueryEscape(host)); code != 200 || !strings.Contains(body, "pg_up 1") {
		t.Errorf("/probe by host:port: %d", code)
	}

	// Scrapes reuse one connection: 1,000 scrapes, one backend.
	first := connlintSessions(t, pg)
	for i := 0; i < 1000; i++ {
		path := "/metrics"
		if i%2 == 1 {
			path = "/probe?target=main"
		}
		if code, body := get(path); code != 200 {
			t.Fatalf("scrape %d: %d %s", i, code, body)
		}
		if i%200 == 0 {
			if got := connlintSessions(t, pg); len(got) != 1 || got[0] != first[0] {
				t.Fatalf("scrape %d: connlint sessions %v, first %v", i, got, first)
			}
		}
	}
}

func TestFormatPrometheus(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	r := runMain(t, "--dsn", pg.DSN("postgres", "postgres", ""), "--format", "prometheus")
	if r.code != ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	mustContain(t, "prometheus output", r.stdout, "# TYPE pg_up gauge", "pg_up 1", "# HELP connlint_connections_capacity", `connlint_connections_capacity{engine="postgres"} 17`)
}
