package live

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/live/livetest"
)

// One throwaway cluster for the package: max_connections=20 with 3 slots
// reserved for superusers, so 17 usable.
var cluster = livetest.SharedPG{Options: livetest.PGOptions{MaxConnections: 20, SuperuserReserved: 3}}

func TestMain(m *testing.M) {
	code := m.Run()
	cluster.Stop()
	os.Exit(code)
}

type run struct {
	code           int
	stdout, stderr string
}

func runMain(t *testing.T, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	code := Main(ctx, args, &out, &errb)
	// The next check must not count this one's backend, which exits a
	// moment after its connection closed.
	if pg := cluster.Started(); pg != nil {
		pg.WaitAppGone(t, "connlint")
	}
	return run{code, out.String(), errb.String()}
}

// runJSON runs a check with --format json and decodes the (single) object
// both as a map (to pin field names) and as a Result.
func runJSON(t *testing.T, args ...string) (run, map[string]any, *Result) {
	t.Helper()
	r := runMain(t, append(args, "--format", "json")...)
	var m map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &m); err != nil {
		t.Fatalf("stdout is not one JSON object: %v\nstdout: %s\nstderr: %s", err, r.stdout, r.stderr)
	}
	var res jsonResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	return r, m, res.toResult()
}

// jsonResult mirrors Result for decoding (Status is written as text).
type jsonResult struct {
	Result
	Status  string `json:"status"`
	Budgets []struct {
		App    string `json:"app"`
		By     string `json:"by"`
		Limit  int    `json:"limit"`
		Actual int    `json:"actual"`
		Status string `json:"status"`
	} `json:"budgets"`
	Checks []struct {
		Name, Status, Message string
	} `json:"checks"`
}

func parseStatus(s string) Status {
	for _, st := range []Status{OK, Warning, Critical, Unknown} {
		if st.String() == s {
			return st
		}
	}
	return -1
}

func (j jsonResult) toResult() *Result {
	r := j.Result
	r.Status = parseStatus(j.Status)
	r.Budgets = nil
	for _, b := range j.Budgets {
		r.Budgets = append(r.Budgets, BudgetResult{App: b.App, By: b.By, Limit: b.Limit, Actual: b.Actual, Status: parseStatus(b.Status)})
	}
	r.Checks = nil
	for _, c := range j.Checks {
		r.Checks = append(r.Checks, Check{Name: c.Name, Status: parseStatus(c.Status), Message: c.Message})
	}
	return &r
}

func check(r *Result, name string) *Check {
	for i := range r.Checks {
		if r.Checks[i].Name == name {
			return &r.Checks[i]
		}
	}
	return nil
}

func mustContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			t.Errorf("%s does not contain %q:\n%s", what, sub, s)
		}
	}
}

func mustNotContain(t *testing.T, what, s string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			t.Errorf("%s contains %q:\n%s", what, sub, s)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
