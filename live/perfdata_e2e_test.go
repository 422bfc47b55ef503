package live

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/live/livetest"
	"github.com/jackc/pgx/v5"
)

// perfLabels returns the labels of a Nagios perfdata string.
func perfLabels(perf string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`(?:^| )('(?:[^']|'')*'|[^ =]+)=`).FindAllStringSubmatch(perf, -1) {
		out = append(out, strings.Trim(m[1], "'"))
	}
	return out
}

// Several targets: each one's perfdata carries a stable label from its
// name or its DSN (host_port_db, "local" for a socket), never its
// position (t1_, t2_ before), and no two labels are alike.
func TestNagiosPerfdataLabelsNameTargets(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	m := livetest.MySQLServer(t)
	rd := livetest.RedisServer(t)
	r := runMain(t, "--format", "nagios",
		"--dsn", pg.DSN("postgres", "postgres", ""),
		"--dsn", pg.DSN("postgres", "postgres", "application_name=other"), // same host, port and db
		"--dsn", pg.SocketDSN("postgres", "postgres", ""),
		"--dsn", "shop="+m.RootURL(),
		"--dsn", "redis://"+rd.Addr+"/0")
	first, _, _ := strings.Cut(r.stdout, "\n")
	_, perf, ok := strings.Cut(first, " | ")
	if !ok {
		t.Fatalf("no perfdata: %s", r.stdout)
	}
	labels := perfLabels(perf)
	seen := map[string]bool{}
	for _, l := range labels {
		if seen[l] {
			t.Errorf("perfdata label %q twice", l)
		}
		seen[l] = true
		if strings.HasPrefix(l, "t1_") || strings.HasPrefix(l, "t2_") {
			t.Errorf("positional label %q", l)
		}
	}
	pgl := fmt.Sprintf("127.0.0.1_%d_postgres", pg.Port)
	for _, want := range []string{pgl + "_used", pgl + "_2_used", "local_postgres_used", "shop_used", strings.ReplaceAll(rd.Addr, ":", "_") + "_0_used"} {
		if !seen[want] {
			t.Errorf("no perfdata label %q in %v", want, labels)
		}
	}
}

// MySQL without application names: perfdata counts per user, never an
// empty "app_" label.
func TestMySQLPerfdataHasNoEmptyLabel(t *testing.T) {
	m := livetest.MySQLServer(t)
	app := m.User(t, "cl_perf", "pw")
	m.Open(t, 2, app, "pw")
	r := runMain(t, "--dsn", m.RootURL(), "--budget", "user:"+app+"=5", "--format", "nagios")
	_, perf, _ := strings.Cut(strings.TrimSpace(r.stdout), " | ")
	for _, l := range perfLabels(perf) {
		if l == "app_" || l == "user_" || strings.HasSuffix(l, "_") {
			t.Errorf("empty label %q in %s", l, perf)
		}
	}
	mustContain(t, "perfdata", perf, fmt.Sprintf("user_%s=2;;5;0", app))
}

// A PgBouncer client's pid is its process id where PgBouncer knows it (a
// unix socket client: remote_pid), else null; never PgBouncer's pointer.
func TestPgBouncerClientPID(t *testing.T) {
	_, b := startBouncer(t, livetest.BouncerOptions{})
	bouncerClient(t, b, "tcp-client")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	sock, err := pgx.Connect(ctx, fmt.Sprintf("postgres://postgres@/app?host=%s&port=%d&application_name=unix-client", url.QueryEscape(b.Dir), b.Port))
	if err != nil {
		t.Fatalf("unix socket client: %v", err)
	}
	defer sock.Close(context.Background())
	r := runMain(t, "--dsn", b.URL("postgres"), "--idle-older", "1ms", "--format", "json")
	var res struct {
		Idle []map[string]any `json:"idle"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err, r.stdout)
	}
	got := map[string]any{}
	for _, s := range res.Idle {
		got[s["application"].(string)] = s["pid"]
	}
	if v, ok := got["tcp-client"]; !ok || v != nil {
		t.Errorf("TCP client pid = %v (listed %v), want null", v, ok)
	}
	if v, ok := got["unix-client"]; !ok || v != float64(os.Getpid()) {
		t.Errorf("unix socket client pid = %v (listed %v), want this process, %d", v, ok, os.Getpid())
	}
}

// /probe?target=host:port names a target only when one target has that
// host:port; two on one server are told apart by name (400 before: the
// first was picked silently).
func TestProbeByHostPortMustBeUnambiguous(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	ts := buildTargets([]string{"a=" + pg.DSN("postgres", "postgres", ""), "b=" + pg.DSN("postgres", "template1", "")}, 5*time.Second)
	defer ts.close()
	o, _ := (&checkFlags{warn: "80%", crit: "95%", leakSamples: 6, format: "text"}).options(nil)
	srv := httptest.NewServer(newExporter(ts, o, 5*time.Second, 6).handler())
	defer srv.Close()
	hp := fmt.Sprintf("127.0.0.1:%d", pg.Port)
	for path, want := range map[string]int{"/probe?target=" + hp: 400, "/probe?target=a": 200, "/probe?target=b": 200, "/probe": 400} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		var body strings.Builder
		buf := make([]byte, 4096)
		n, _ := resp.Body.Read(buf)
		body.Write(buf[:n])
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("%s: %d, want %d: %s", path, resp.StatusCode, want, body.String())
		}
		if want == 400 && strings.Contains(path, hp) && !strings.Contains(body.String(), "ambiguous") {
			t.Errorf("%s: %s", path, body.String())
		}
	}
}
