package heapfloor

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"runtime/metrics"
	"strings"
	"testing"
	"time"
)

// The GC settings are the process's: each case runs in a child process of
// the test binary, which prints what it saw.
const childEnv = "HEAPFLOOR_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		fmt.Print(child())
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func read() (cycles, gogc, limit uint64) {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64()
}

var sink []byte

// garbage allocates n bytes in 64 KB pieces, keeping none.
func garbage(n int) {
	for range n / (64 << 10) {
		sink = make([]byte, 64<<10)
	}
	sink = nil
}

// child sets a 64 MB floor, allocates 16 MB (under it), then 512 MB, and
// reports the collections and settings seen at each step.
func child() string {
	set := Set(64 << 20)
	start, _, _ := read()
	garbage(16 << 20)
	under, gogc, limit := read()
	out := fmt.Sprintf("set=%v under=%d gogc=%d limit=%d\n", set, under-start, gogc, limit)
	garbage(512 << 20)
	deadline := time.Now().Add(30 * time.Second)
	for {
		cycles, gogc, limit := read()
		if gogc != math.MaxUint64 && gogc != 0 && limit == math.MaxInt64 || time.Now().After(deadline) {
			return out + fmt.Sprintf("over=%d gogc=%d limit=%d\n", cycles-start, gogc, limit)
		}
		garbage(1 << 20)
		time.Sleep(10 * time.Millisecond)
	}
}

func runChild(t *testing.T, env ...string) map[string]string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, childEnv+"=1")...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	seen := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		for _, field := range strings.Fields(line) {
			k, v, _ := strings.Cut(field, "=")
			if _, dup := seen[k]; dup {
				k += "2"
			}
			seen[k] = v
		}
	}
	return seen
}

// TestNoCollectionUnderTheFloor: no collection while the heap is under the
// floor; past it, GOGC's pacing (100) is back and the limit gone.
func TestNoCollectionUnderTheFloor(t *testing.T) {
	got := runChild(t, "GOGC=", "GOMEMLIMIT=")
	if got["set"] != "true" || got["under"] != "0" {
		t.Errorf("under the floor: %v, want set and no collection", got)
	}
	if got["over"] == "0" || got["gogc2"] != "100" || got["limit2"] != fmt.Sprint(uint64(math.MaxInt64)) {
		t.Errorf("past the floor: %v, want collections, gogc 100 and no limit", got)
	}
}

// TestEnvironmentWins: GOGC set by the user is left as it is.
func TestEnvironmentWins(t *testing.T) {
	got := runChild(t, "GOGC=50", "GOMEMLIMIT=")
	if got["set"] != "false" || got["gogc"] != "50" || got["limit"] != fmt.Sprint(uint64(math.MaxInt64)) {
		t.Errorf("with GOGC=50: %v, want it untouched", got)
	}
}
