package live

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/connlint/connlint/live/livetest"
)

// Two passwords: one with an unescaped '@' (the common case that leaked its
// tail), one with every character that ends a URL part early.
const (
	atSecret   = "Pa@ss-Leak9"
	hardSecret = "Hx@7/q?r&s%t z#9"
)

// leaks reports every piece (4 characters or more) of a password found in
// s: a password must not show, whole or in part.
func leaks(s string, secrets ...string) []string {
	var found []string
	for _, sec := range secrets {
		for n := len(sec); n >= 4; n-- {
			for i := 0; i+n <= len(sec); i++ {
				if p := sec[i : i+n]; strings.Contains(s, p) {
					return append(found, p)
				}
			}
		}
	}
	return found
}

// A password never shows in any output, log or error, whatever DSN form
// carries it, whether the server accepts it, refuses it or cannot be
// reached: text, json, nagios, prometheus, terminate, the exporter's pages
// and log, flag errors. And a password with an unescaped '@' works with
// every engine.
func TestPasswordNeverShown(t *testing.T) {
	pg := cluster.Get(t)
	pg.TerminateOthers(t)
	for _, r := range []string{"leaky1", "leaky2", "password_users"} {
		pg.Exec(t, "DROP ROLE IF EXISTS "+r)
	}
	pg.Exec(t, "CREATE ROLE password_users")
	pg.Exec(t, fmt.Sprintf("CREATE ROLE leaky1 LOGIN PASSWORD '%s' IN ROLE password_users, pg_monitor", atSecret))
	pg.Exec(t, fmt.Sprintf("CREATE ROLE leaky2 LOGIN PASSWORD '%s' IN ROLE password_users, pg_monitor", hardSecret))
	t.Cleanup(func() {
		pg.TerminateOthers(t)
		for _, r := range []string{"leaky1", "leaky2", "password_users"} {
			pg.Exec(t, "DROP ROLE IF EXISTS "+r)
		}
	})
	m := livetest.MySQLServer(t)
	myAt := m.User(t, "cl_leak", atSecret, "PROCESS")
	myHard := m.User(t, "cl_leak", hardSecret, "PROCESS")
	rd := livetest.RedisServer(t)
	rdUser := livetest.Unique("cl-leak")
	admin := rd.Admin()
	if err := admin.Do(context.Background(), "ACL", "SETUSER", rdUser, "on", ">"+atSecret, ">"+hardSecret, "resetkeys", "-@all", "+info", "+client|id", "+client|list", "+client|setname", "+config|get").Err(); err != nil {
		livetest.Unavailable(t, "Redis ACL (6.0+): %v", err)
	}
	t.Cleanup(func() { admin.Do(context.Background(), "ACL", "DELUSER", rdUser) })
	closed, err := livetest.FreePort()
	if err != nil {
		t.Fatal(err)
	}

	pgAt := fmt.Sprintf("127.0.0.1:%d/postgres?sslmode=disable", pg.Port)
	hardEnc := url.PathEscape(hardSecret)
	hardEnc = strings.NewReplacer("@", "%40", "?", "%3F", "&", "%26").Replace(hardEnc)
	good := []string{ // the server accepts these
		"postgres://leaky1:" + atSecret + "@" + pgAt,
		"postgresql://leaky1:" + strings.Replace(atSecret, "@", "%40", 1) + "@" + pgAt,
		"postgres://leaky1@" + pgAt + "&password=" + atSecret,
		"postgres://leaky2:" + hardEnc + "@" + pgAt,
		"mysql://" + myAt + ":" + atSecret + "@127.0.0.1:3306/",
		"mysql://" + myAt + "@127.0.0.1:3306/?password=" + atSecret,
		"mysql://" + myHard + ":" + hardEnc + "@127.0.0.1:3306/",
		"redis://" + rdUser + ":" + atSecret + "@" + rd.Addr + "/0",
		"redis://" + rd.Addr + "/0?username=" + rdUser + "&password=" + url.QueryEscape(hardSecret),
	}
	bad := []string{ // refused, unreachable, or not a DSN connlint takes
		"postgres://leaky1:Wr0ng@" + atSecret + "@" + pgAt,
		"postgres://leaky2:" + hardSecret + "@" + pgAt,
		fmt.Sprintf("postgres://leaky1:%s@127.0.0.1:%d/postgres?sslmode=disable", atSecret, closed),
		fmt.Sprintf("pgbouncer://leaky1:%s@127.0.0.1:%d/pgbouncer", atSecret, closed),
		fmt.Sprintf("host=127.0.0.1 port=%d user=leaky1 password=%s dbname=postgres", pg.Port, atSecret),
		fmt.Sprintf("host=127.0.0.1 user=leaky2 password='%s' dbname=postgres", hardSecret),
		"mysql://" + myAt + ":x" + atSecret + "@127.0.0.1:3306/",
		"mysql://" + myHard + ":" + hardSecret + "@127.0.0.1:3306/",
		myAt + ":" + atSecret + "@tcp(127.0.0.1:3306)/",
		fmt.Sprintf("mysql://%s:%s@127.0.0.1:%d/", myAt, atSecret, closed),
		"redis://:" + atSecret + "@" + rd.Addr + "/0",
		"redis://" + rdUser + ":" + hardSecret + "@" + rd.Addr + "/0",
		fmt.Sprintf("redis://%s:%s@127.0.0.1:%d/0", rdUser, atSecret, closed),
		"oracle://u:" + atSecret + "@127.0.0.1/x",
	}
	var all strings.Builder
	record := func(what string, r run) {
		all.WriteString(r.stdout + r.stderr)
		if l := leaks(r.stdout+r.stderr, atSecret, hardSecret); l != nil {
			t.Errorf("%s: output shows %q:\n%s%s", what, l[0], r.stdout, r.stderr)
		}
	}
	for _, dsn := range good {
		r := runMain(t, "--dsn", dsn, "--format", "json")
		record(dsn, r)
		if r.code != ExitOK {
			t.Errorf("exit %d, want 0: the server accepts this password\n%s%s", r.code, r.stdout, r.stderr)
		}
	}
	for _, dsn := range append(good, bad...) {
		for _, format := range []string{"text", "json", "nagios", "prometheus"} {
			record(format, runMain(t, "--dsn", dsn, "--timeout", "3s", "--format", format))
		}
	}
	// Every target at once, from CONNLINT_DSN, and terminate's dry run.
	t.Setenv("CONNLINT_DSN", strings.Join(good[:3], " "))
	record("CONNLINT_DSN", runMain(t, "--format", "nagios"))
	for _, dsn := range append(good[:7:7], bad...) {
		record("terminate", runMain(t, "terminate", "--dsn", dsn, "--idle-older", "1h", "--timeout", "3s"))
		record("terminate json", runMain(t, "terminate", "--dsn", dsn, "--idle-older", "1h", "--timeout", "3s", "--execute", "--format", "json"))
	}
	// A DSN given to the wrong flag, or as an argument.
	record("flag error", runMain(t, "--timeout", good[0]))
	record("argument", runMain(t, "--dsn", good[0], bad[1]))
	record("terminate flag error", runMain(t, "terminate", "--idle-older", good[0]))

	// The exporter: its log, /metrics, /probe by name and a wrong name.
	log, pages := exporterPages(t, append(good, bad...))
	record("exporter", run{stdout: pages, stderr: log})
	if !strings.Contains(all.String(), "xxxxx") {
		t.Errorf("no masked DSN anywhere: the test saw no output")
	}
}

// exporterPages runs --listen on the targets, fetches /, /metrics, every
// /probe and a wrong /probe, and returns the log and the pages.
func exporterPages(t *testing.T, dsns []string) (log, pages string) {
	t.Helper()
	args := []string{"--listen", "127.0.0.1:0", "--timeout", "3s"}
	for i, d := range dsns {
		args = append(args, "--dsn", fmt.Sprintf("t%d=%s", i, d))
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		Main(ctx, args, io.Discard, pw)
		pw.Close()
	}()
	var logb strings.Builder
	sc := bufio.NewScanner(pr)
	if !sc.Scan() {
		cancel()
		t.Fatal("the exporter wrote no log line")
	}
	logb.WriteString(sc.Text() + "\n")
	addr := regexp.MustCompile(`on (127\.0\.0\.1:\d+)`).FindStringSubmatch(sc.Text())
	if addr == nil {
		cancel()
		t.Fatalf("no address in %q", sc.Text())
	}
	done := make(chan struct{})
	go func() {
		for sc.Scan() {
			logb.WriteString(sc.Text() + "\n")
		}
		close(done)
	}()
	var b strings.Builder
	get := func(path string) {
		c := http.Client{Timeout: 60 * time.Second}
		resp, err := c.Get("http://" + addr[1] + path)
		if err != nil {
			t.Errorf("GET %s: %v", path, err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b.WriteString(string(body))
	}
	get("/")
	get("/metrics")
	get("/probe?target=" + url.QueryEscape("nope"))
	for i, d := range dsns {
		get(fmt.Sprintf("/probe?target=t%d", i))
		get("/probe?target=" + url.QueryEscape(d)) // not a name: the error must not echo it
	}
	cancel()
	wg.Wait()
	<-done
	if pg := cluster.Started(); pg != nil {
		pg.WaitAppGone(t, "connlint")
	}
	return logb.String(), b.String()
}
