package live

import (
	"testing"

	"github.com/connlint/connlint/live/livetest"
)

func TestRedisNearMaxclientsIsWarning(t *testing.T) {
	r := livetest.RedisServerExclusive(t)
	base := r.Connected(t)
	// The check's own connection comes on top of base+8: capacity base+12,
	// used base+8 (own excluded), 4 slots left: -5 warns, -1 does not.
	r.SetMaxClients(t, base+12)
	r.Open(t, 8, "cl-near")
	run, _, res := runJSON(t, "--dsn", r.URL(), "--warn", "-5", "--crit", "-1")
	if run.code != ExitWarning || res.Status != Warning {
		t.Fatalf("exit %d, want 1 (WARNING)\n%s", run.code, run.stdout)
	}
	if res.ByApplication["cl-near"] != 8 || res.Capacity != base+12 {
		t.Errorf("by_application %v capacity %d", res.ByApplication, res.Capacity)
	}
	n := runMain(t, "--dsn", r.URL(), "--warn", "-5", "--crit", "-1", "--format", "nagios")
	mustContain(t, "nagios", n.stdout, "CONNLINT REDIS WARNING", "rejected_connections=")
}
