package live

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	my "github.com/go-sql-driver/mysql"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"go.yaml.in/yaml/v3"

	"github.com/connlint/connlint/live/livetest"
)

// promtool finds Prometheus's promtool ($CONNLINT_PROMTOOL, else PATH):
// the alert rules are evaluated by Prometheus's own rule engine.
func promtool(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CONNLINT_PROMTOOL"); p != "" {
		return p
	}
	p, err := exec.LookPath("promtool")
	if err != nil {
		livetest.Unavailable(t, "promtool (from Debian's prometheus package; .ci/run unpacks it): %v", err)
	}
	return p
}

// scrapeSeries fetches url and returns its series whose name starts with
// prefix, as promtool writes them (name{label="value",...}), with values.
func scrapeSeries(t *testing.T, url, prefix string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for name, mf := range mfs {
		if !strings.HasPrefix(name, prefix) {
			continue
		}
		for _, m := range mf.GetMetric() {
			var ls []string
			for _, l := range m.GetLabel() {
				ls = append(ls, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			sort.Strings(ls)
			v := m.GetGauge().GetValue()
			if m.GetCounter() != nil {
				v = m.GetCounter().GetValue()
			}
			out[name+"{"+strings.Join(ls, ",")+"}"] = v
		}
	}
	return out
}

// connectMariaDB opens and closes one connection and returns its error.
func connectMariaDB(m *livetest.MySQL, user, pass string) error {
	cfg := my.NewConfig()
	cfg.User, cfg.Passwd, cfg.Net, cfg.Addr = user, pass, "tcp", m.Host+":"+m.Port
	cfg.Timeout = 5 * time.Second
	cfg.Logger = &my.NopLogger{}
	c, err := my.NewConnector(cfg)
	if err != nil {
		return err
	}
	conn, err := c.Connect(context.Background())
	if err == nil {
		conn.Close()
	}
	return err
}

// The shipped MySQLRefusingConnections alert fires on MariaDB when it
// refuses connections, and not for failed logins or connections dropped
// before authenticating. MariaDB counts a connection refused after the
// handshake (an application at max_connections, or over its
// MAX_USER_CONNECTIONS) only in Aborted_connects, never in
// Connection_errors_max_connections, so the rule the exporter shipped
// before could not fire there. Evaluated by promtool on what connlint's
// exporter scraped from the real server around real refusals.
func TestMySQLRefusingConnectionsAlertFiresOnMariaDB(t *testing.T) {
	tool := promtool(t)
	// Exclusive: no other connlint test fails a login or is refused on the
	// server between the scrapes.
	m := livetest.MySQLServerExclusive(t)
	app := m.User(t, "cl_refused", "pw")
	m.Exec(t, fmt.Sprintf("ALTER USER '%s'@'%%' WITH MAX_USER_CONNECTIONS 2", app))

	ts := buildTargets([]string{"maria=" + m.RootURL()}, 5*time.Second)
	defer ts.close()
	o, _ := (&checkFlags{warn: "80%", crit: "95%", leakSamples: 6, format: "text"}).options(nil)
	srv := httptest.NewServer(newExporter(ts, o, 5*time.Second, 6).handler())
	defer srv.Close()
	scrape := func() map[string]float64 { return scrapeSeries(t, srv.URL+"/metrics", "mysql_global_status_") }

	s0 := scrape()
	// Not refusals: two failed logins, two connections dropped before the
	// handshake (a TCP health check).
	for i := 0; i < 2; i++ {
		var me *my.MySQLError
		if err := connectMariaDB(m, app, "wrong"); !errors.As(err, &me) || me.Number != 1045 {
			t.Fatalf("wrong password: %v, want error 1045", err)
		}
		c, err := net.Dial("tcp", m.Host+":"+m.Port)
		if err != nil {
			t.Fatal(err)
		}
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		io.ReadAtLeast(c, make([]byte, 4), 4) // the greeting
		c.Close()
	}
	time.Sleep(200 * time.Millisecond) // the server counts a dropped connection as it notices
	s1 := scrape()
	// Refusals: the user's two slots are taken, three more are refused.
	m.Open(t, 2, app, "pw")
	for i := 0; i < 3; i++ {
		var me *my.MySQLError
		if err := connectMariaDB(m, app, "pw"); !errors.As(err, &me) || me.Number != 1226 && me.Number != 1203 {
			t.Fatalf("connection over MAX_USER_CONNECTIONS: %v, want error 1226", err)
		}
	}
	s2 := scrape()
	if len(s2) == 0 {
		t.Fatal("the exporter wrote no mysql_global_status_ series")
	}

	summary := alertSummary(t, "MySQLRefusingConnections")
	summary = strings.NewReplacer("{{ $labels.target }}", "maria", "{{ $labels.instance }}", "").Replace(summary)
	var in strings.Builder
	for _, k := range sortedKeys64(s2) {
		fmt.Fprintf(&in, "      - series: '%s'\n        values: '%v %v %v %v %v'\n", k, s0[k], s1[k], s2[k], s2[k], s2[k])
	}
	rules, err := filepath.Abs("../deploy/prometheus/connlint-alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	test := fmt.Sprintf(`rule_files: [%q]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
%s    alert_rule_test:
      - eval_time: 1m
        alertname: MySQLRefusingConnections
        exp_alerts: []
      - eval_time: 2m
        alertname: MySQLRefusingConnections
        exp_alerts:
          - exp_labels: {severity: critical, target: maria}
            exp_annotations: {summary: %q}
`, rules, in.String(), summary)
	file := filepath.Join(t.TempDir(), "refusing_test.yml")
	if err := os.WriteFile(file, []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "test", "rules", file).CombinedOutput()
	if err != nil {
		t.Fatalf("promtool test rules: %v\n%s\ninput:\n%s", err, out, test)
	}
}

// alertSummary reads an alert's summary template from the shipped rules.
func alertSummary(t *testing.T, alert string) string {
	t.Helper()
	raw, err := os.ReadFile("../deploy/prometheus/connlint-alerts.yml")
	if err != nil {
		t.Fatal(err)
	}
	var rules struct {
		Groups []struct {
			Rules []struct {
				Alert       string
				Annotations map[string]string
			}
		}
	}
	if err := yaml.Unmarshal(raw, &rules); err != nil {
		t.Fatal(err)
	}
	for _, g := range rules.Groups {
		for _, r := range g.Rules {
			if r.Alert == alert {
				return r.Annotations["summary"]
			}
		}
	}
	t.Fatalf("no alert %s in connlint-alerts.yml", alert)
	return ""
}

func sortedKeys64(m map[string]float64) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
