package live

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The alert rules shipped in deploy/prometheus must only use metrics the
// exporter writes, and docs/live.md must document each of them.
func TestShippedAlertRulesUseExportedMetrics(t *testing.T) {
	src, err := os.ReadFile("prom.go")
	if err != nil {
		t.Fatal(err)
	}
	nameRe := regexp.MustCompile(`"((?:connlint|pg|mysql|pgbouncer|redis)_[a-z_]+)"`)
	exported := map[string]bool{}
	for _, m := range nameRe.FindAllStringSubmatch(string(src), -1) {
		exported[m[1]] = true
	}
	if len(exported) < 30 {
		t.Fatalf("found only %d metric names in prom.go", len(exported))
	}

	raw, err := os.ReadFile("../deploy/prometheus/connlint-alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	var rules struct {
		Groups []struct {
			Name  string
			Rules []struct {
				Alert  string
				Expr   string
				Labels map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(raw, &rules); err != nil {
		t.Fatalf("connlint-alerts.yml: %v", err)
	}
	used := regexp.MustCompile(`\b(?:connlint|pg|mysql|pgbouncer|redis)_[a-z_]+\b`)
	n := 0
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			n++
			if r.Alert == "" || r.Expr == "" || r.Labels["severity"] == "" {
				t.Errorf("rule %+v lacks alert, expr or severity", r)
			}
			for _, m := range used.FindAllString(r.Expr, -1) {
				if !exported[m] {
					t.Errorf("alert %s uses %s, which the exporter does not write", r.Alert, m)
				}
			}
		}
	}
	if n < 8 {
		t.Errorf("only %d rules", n)
	}

	doc, err := os.ReadFile("../docs/live.md")
	if err != nil {
		t.Fatal(err)
	}
	for name := range exported {
		if !strings.Contains(string(doc), name) {
			t.Errorf("docs/live.md does not document metric %s", name)
		}
	}
	// And the metrics table of docs/live.md names no metric the exporter lacks.
	_, table, ok := strings.Cut(string(doc), "| metric | labels | meaning |")
	if !ok {
		t.Fatal("docs/live.md has no metrics table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	for _, m := range regexp.MustCompile("`((?:connlint|pg|mysql|pgbouncer|redis)_[a-z_]+)`").FindAllStringSubmatch(table, -1) {
		if !exported[m[1]] {
			t.Errorf("docs/live.md's metrics table lists %s, which the exporter does not write", m[1])
		}
	}

	cfg, err := os.ReadFile("../deploy/prometheus/prometheus.yml")
	if err != nil {
		t.Fatal(err)
	}
	var scrape map[string]any
	if err := yaml.Unmarshal(cfg, &scrape); err != nil {
		t.Fatalf("prometheus.yml: %v", err)
	}
	if !strings.Contains(string(cfg), "connlint-alerts.yml") || !strings.Contains(string(cfg), "/probe") {
		t.Errorf("prometheus.yml should load the rules and show /probe scraping")
	}
}
