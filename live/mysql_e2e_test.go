package live

import (
	"fmt"
	"testing"

	"github.com/connlint/connlint/live/livetest"
)

func TestMySQLBudgetByUser(t *testing.T) {
	m := livetest.MySQLServer(t)
	app := m.User(t, "cl_bud", "pw")
	m.Open(t, 4, app, "pw")
	r, _, res := runJSON(t, "--dsn", m.RootURL(), "--budget", app+"=3")
	if r.code != ExitCritical {
		t.Fatalf("exit %d, want 2\n%s", r.code, r.stdout)
	}
	if len(res.Budgets) != 1 || res.Budgets[0].By != "user" || res.Budgets[0].Actual != 4 || res.Budgets[0].Status != Critical {
		t.Fatalf("budgets = %+v", res.Budgets)
	}
	if res.Engine != "mysql" || res.ByUser[app] != 4 || res.ByState["idle"] < 4 {
		t.Errorf("engine %s by_user %v by_state %v", res.Engine, res.ByUser, res.ByState)
	}
	// The admin slot is on top of max_connections, not taken from it.
	if res.Capacity != res.MaxConnections || res.Reserved != 1 {
		t.Errorf("capacity %d, max_connections %d, reserved %d", res.Capacity, res.MaxConnections, res.Reserved)
	}
	mustContain(t, "capacity message", res.Checks[0].Message, fmt.Sprintf("max_connections %d, +1 reserved for admins", res.MaxConnections))
	text := runMain(t, "--dsn", m.RootURL())
	mustContain(t, "text", text.stdout, fmt.Sprintf("capacity %d (max_connections %d, +1 reserved for admins)", res.Capacity, res.MaxConnections))
}

// With every slot taken the check is CRITICAL both ways: a SUPER user gets
// the extra admin slot and counts 100%, an ordinary monitoring user is
// refused with error 1040 and reports the refusal.
func TestMySQLFullIsCritical(t *testing.T) {
	m := livetest.MySQLServerExclusive(t)
	app := m.User(t, "cl_fill", "pw")
	mon := m.User(t, "cl_mon", "pw", "PROCESS")
	orig := m.Int(t, "SELECT @@GLOBAL.max_connections")
	threads := m.Int(t, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'THREADS_CONNECTED'")
	limit := 10 // the server's minimum
	if threads+3 > limit {
		limit = threads + 3
	}
	// The server-wide limit is shared with everything else on this machine:
	// lower it for as short a time as possible and always put it back.
	t.Cleanup(func() { m.Exec(t, fmt.Sprintf("SET GLOBAL max_connections = %d", orig)) })
	m.Exec(t, fmt.Sprintf("SET GLOBAL max_connections = %d", limit))
	now := m.Int(t, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'THREADS_CONNECTED'")
	m.Open(t, limit-now, app, "pw")

	r, _, res := runJSON(t, "--dsn", m.RootURL())
	if r.code != ExitCritical || res.Used != limit || res.Capacity != limit || res.UsedPercent != 100 {
		t.Errorf("root check: exit %d used %d of %d (%.1f%%), want CRITICAL at 100%%\n%s", r.code, res.Used, res.Capacity, res.UsedPercent, r.stdout)
	}
	r, _, res = runJSON(t, "--dsn", m.URL(mon, "pw"))
	if r.code != ExitCritical || res.ErrorKind != "exhausted" {
		t.Errorf("monitoring user: exit %d kind %q, want CRITICAL exhausted\n%s", r.code, res.ErrorKind, r.stdout)
	}
	mustContain(t, "error", res.Error, "1040", "Too many connections")
	m.Exec(t, fmt.Sprintf("SET GLOBAL max_connections = %d", orig))
}
