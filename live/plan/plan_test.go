package plan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `{"version": 1, "surge": true, "apps": [
 {"name": "api", "replicas": 3, "processes": 2, "match": {"application_name": ["orders-api"]},
  "per_instance": {"postgres": {"known": 10, "state": "known"}},
  "total": {"postgres": {"known": 120, "state": "known"}, "redis": {"known": 12, "state": "known"}}},
 {"name": "web", "replicas": null, "processes": 1, "match": {},
  "per_instance": {"postgres": {"known": 5, "state": "known"}},
  "total": {"postgres": {"known": 0, "state": "unknown", "reasons": ["web: replicas unknown"]}}}
]}`

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBudgets(t *testing.T) {
	p, err := Load(write(t, sample))
	if err != nil {
		t.Fatal(err)
	}
	bs := p.Budgets("postgres")
	if len(bs) != 2 {
		t.Fatalf("budgets %+v", bs)
	}
	api, web := bs[0], bs[1]
	if api.Key() != "budget:app:orders-api" || !api.Bounded || api.Limit != 120 ||
		api.Why != "3 replica(s) x 2 process(es) x 10 per process x 2 (surge)" {
		t.Errorf("api %+v", api)
	}
	// No match configured: the application's name; no bound: not compared.
	if web.Key() != "budget:app:web" || web.Bounded || !strings.Contains(web.Why, "replicas unknown") {
		t.Errorf("web %+v", web)
	}
	if got := p.Budgets(Server("pgbouncer")); len(got) != 2 {
		t.Errorf("pgbouncer: %d budgets, want postgres's 2", len(got))
	}
	if err := p.SetMatch("api=user:orders_rw,user:orders_ro"); err != nil {
		t.Fatal(err)
	}
	if b := p.Budgets("redis")[0]; b.Key() != "budget:user:orders_rw+orders_ro" || b.Limit != 12 {
		t.Errorf("redis %+v", b)
	}
}

func TestLoadAndMatchErrors(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"{", "not the JSON of connlint pools --format json"},
		{`{"version": 2, "apps": [{"name": "x"}]}`, "plan version 2, want 1"},
		{`{"version": 1, "apps": []}`, "the plan has no application"},
	} {
		if _, err := Load(write(t, tc.body)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.body, err, tc.want)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.json")); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: %v", err)
	}
	p, _ := Load(write(t, sample))
	for flag, want := range map[string]string{
		"nope=app:x":       `the plan has no application "nope" (it has api, web)`,
		"api":              "want APP=app:NAME or APP=user:NAME",
		"api=role:x":       "want APP=app:NAME or APP=user:NAME",
		"api=app:a,user:b": "not both",
		"api=app:":         "want APP=app:NAME",
	} {
		if err := p.SetMatch(flag); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", flag, err, want)
		}
	}
}
