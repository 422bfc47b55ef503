package live

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Values that cannot mean what the user wants are usage errors (exit 3,
// Nagios UNKNOWN, a message on stderr, nothing checked), even against a
// server that would answer: before, each of these ran a check and exited 0.
func TestNonsenseFlagsAreUsageErrors(t *testing.T) {
	pg := cluster.Get(t)
	dsn := pg.DSN("postgres", "postgres", "")
	for _, c := range []struct {
		args []string
		says string
	}{
		{[]string{"--timeout", "0s"}, "--timeout 0s"},
		{[]string{"--timeout", "-1s"}, "--timeout -1s"},
		{[]string{"--watch", "0s"}, "--watch 0s"},
		{[]string{"--watch", "-5s"}, "--watch -5s"},
		{[]string{"--count", "5"}, "--count needs --watch"},
		{[]string{"--watch", "10ms", "--count", "-1"}, "--count -1"},
		{[]string{"--leak-samples", "0"}, "--leak-samples 0"},
		{[]string{"--watch", "10ms", "--count", "1", "--leak-samples", "2"}, "at least 3"},
		{[]string{"--leak-samples", "8"}, "--leak-samples needs --watch or --listen"},
		{[]string{"--watch", "1s", "--listen", "127.0.0.1:0"}, "choose one"},
		{[]string{"--listen", "127.0.0.1:0", "--format", "json"}, "Prometheus format only"},
		{[]string{"--idle-older", "0s"}, "--idle-older 0s"},
		{[]string{"--idle-txn-older", "0s"}, "--idle-txn-older 0s"},
		{[]string{"--warn", "-0", "--crit", "95%"}, "-0 would only mean full"},
		{[]string{"--warn", "-0", "--crit", "-0"}, "--warn"},
		{[]string{"--warn", "0%"}, "above 0"},
		{[]string{"--crit", "0"}, "at least 1"},
		{[]string{"--warn", "NaN%"}, "a percentage"},
		{[]string{"--warn", "1e1%"}, "a percentage"},
		{[]string{"--warn", "-+5"}, "remaining slots"},
		{[]string{"--warn", "+5"}, "a count"},
		{[]string{"--warn", "-3", "--crit", "-5"}, "WARNING would never show"},
		{[]string{"--warn", "90%", "--crit", "80%"}, "WARNING would never show"},
		{[]string{"--budget", "x=1", "--budget", "x=7"}, "two budgets for application \"x\""},
		{[]string{"--budget", "x=1", "--budget", "app:x=7"}, "two budgets for application \"x\""},
		{[]string{"--budget", "user:x=1", "--budget", "user:x=1"}, "two budgets for user \"x\""},
		{[]string{"--budget", "user:=3"}, "name is empty"},
		{[]string{"--budget", "x=+3"}, "whole number"},
		{[]string{"--dsn", dsn}, "given twice"},
		{[]string{"--dsn", strings.Replace(dsn, "sslmode=disable&", "", 1)}, ""},
	} {
		args := append([]string{"--dsn", dsn}, c.args...)
		r := runMain(t, args...)
		if c.says == "" { // a different DSN to the same server: two targets, fine
			if r.code != ExitOK {
				t.Errorf("%v: exit %d, want 0\n%s%s", c.args, r.code, r.stdout, r.stderr)
			}
			continue
		}
		if r.code != ExitUnknown || r.stdout != "" || !strings.Contains(r.stderr, c.says) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 3, no check, a message saying %q", c.args, r.code, r.stdout, r.stderr, c.says)
		}
	}
	if r := runMain(t, "--dsn", "a="+dsn, "--dsn", "a="+pg.SocketDSN("postgres", "postgres", "")); r.code != ExitUnknown || !strings.Contains(r.stderr, "two targets are named a") {
		t.Errorf("two targets named a: exit %d %q", r.code, r.stderr)
	}
	// Still accepted: --count 0 with --watch (until interrupted is the
	// default), 100% (full), equal warn and crit (no WARNING band).
	for _, args := range [][]string{
		{"--warn", "100%", "--crit", "100%"},
		{"--warn", "-1", "--crit", "-1"},
		{"--watch", "10ms", "--count", "1", "--leak-samples", "3"},
	} {
		if r := runMain(t, append([]string{"--dsn", dsn}, args...)...); r.code != ExitOK {
			t.Errorf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
}

// --budget killer=100 --budget user:killer=0 are two budgets: an
// application's and a user's. Each has its own check (budget:app:killer,
// budget:user:killer) and its own series, in --format prometheus and under
// --listen; before, both checks were named budget:killer, the prometheus
// output failed on a duplicate metric and the exporter dropped one series.
func TestBudgetsOfAnAppAndAUserWithOneName(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	pg.Exec(t, "DROP ROLE IF EXISTS killer")
	pg.Exec(t, "CREATE ROLE killer LOGIN")
	t.Cleanup(func() { pg.TerminateOthers(t); pg.Exec(t, "DROP ROLE IF EXISTS killer") })
	pg.Open(t, 2, "killer", "postgres", "killer", "")
	dsn := pg.DSN("postgres", "postgres", "")
	budgets := []string{"--budget", "killer=100", "--budget", "user:killer=0"}

	r, _, res := runJSON(t, append([]string{"--dsn", dsn}, budgets...)...)
	if r.code != ExitCritical {
		t.Fatalf("exit %d, want 2 (user killer is over its budget of 0)\n%s", r.code, r.stdout)
	}
	app, user := check(res, "budget:app:killer"), check(res, "budget:user:killer")
	if app == nil || app.Status != OK || user == nil || user.Status != Critical {
		t.Fatalf("checks: app %+v user %+v; all: %+v", app, user, res.Checks)
	}
	names := map[string]bool{}
	for _, c := range res.Checks {
		if names[c.Name] {
			t.Errorf("check name %s twice", c.Name)
		}
		names[c.Name] = true
	}
	if len(res.Budgets) != 2 || res.Budgets[0].By != "application" || res.Budgets[1].By != "user" || res.Budgets[1].Actual != 2 {
		t.Errorf("budgets = %+v", res.Budgets)
	}

	p := runMain(t, append([]string{"--dsn", dsn, "--format", "prometheus"}, budgets...)...)
	if p.code != ExitCritical || p.stderr != "" {
		t.Fatalf("--format prometheus: exit %d, stderr %q", p.code, p.stderr)
	}
	want := map[string]float64{"budget:app:killer": 0, "budget:user:killer": 2}
	checkStatusSeries(t, "--format prometheus", p.stdout, want)

	ts := buildTargets([]string{dsn}, 5*time.Second)
	defer ts.close()
	f := checkFlags{warn: "80%", crit: "95%", leakSamples: 6, format: "text", budgets: stringList{vals: []string{budgets[1], budgets[3]}}}
	o, err := f.options(nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(newExporter(ts, o, 5*time.Second, 6).handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	checkStatusSeries(t, "/metrics", string(body), want)
}

// checkStatusSeries parses a Prometheus text exposition and compares the
// connlint_check_status series of the given checks.
func checkStatusSeries(t *testing.T, what, text string, want map[string]float64) {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		t.Fatalf("%s: not the Prometheus text format: %v\n%s", what, err, text)
	}
	got := map[string][]float64{}
	for _, m := range mfs["connlint_check_status"].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "check" {
				got[l.GetValue()] = append(got[l.GetValue()], m.GetGauge().GetValue())
			}
		}
	}
	for name, v := range want {
		if len(got[name]) != 1 || got[name][0] != v {
			t.Errorf("%s: connlint_check_status{check=%q} = %v, want one series of %v", what, name, got[name], v)
		}
	}
}
