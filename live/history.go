package live

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// sample is one poll's count for one application (or user).
type sample struct {
	total, active int
	at            time.Time
}

// History keeps the last samples of every application of every target, for
// the trend column and the leak alert of --watch and --listen.
type History struct {
	N  int // samples a leak must span (>= 3)
	mu sync.Mutex
	// target -> group -> samples (oldest first)
	series map[string]map[string][]sample
	// target -> groups with sessions whose state is hidden (no leak call)
	hidden map[string]map[string]bool
}

// NewHistory keeps n samples per application.
func NewHistory(n int) *History {
	if n < 3 {
		n = 3
	}
	return &History{N: n, series: map[string]map[string][]sample{}, hidden: map[string]map[string]bool{}}
}

// Observe records a result's per-application counts (per-user when the
// engine has no application names) and adds a leak check for every
// application whose count grows like a leak.
func (h *History) Observe(r *Result) {
	snap := r.Snapshot()
	if snap == nil {
		return
	}
	total, active := snap.ByApplication, snap.ActiveByApplication
	what := "application"
	if snap.AppsAreUsers {
		total, active, what = snap.ByUser, snap.ActiveByUser, "user"
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	ser := h.series[r.Target]
	if ser == nil {
		ser = map[string][]sample{}
		h.series[r.Target] = ser
	}
	now := time.Now()
	// An application that vanished has dropped to zero: keep that sample
	// (it breaks a would-be leak) and forget it once nothing is left.
	for name := range ser {
		if _, ok := total[name]; !ok {
			ser[name] = push(ser[name], sample{0, 0, now}, h.N)
			if allZero(ser[name]) {
				delete(ser, name)
			}
		}
	}
	for name, n := range total {
		ser[name] = push(ser[name], sample{n, active[name], now}, h.N)
	}
	// A leak is growth while the active count holds: with sessions whose
	// state is hidden, that cannot be told.
	hidden := map[string]bool{}
	for _, s := range snap.Sessions {
		if s.Hidden {
			hidden[s.Application] = true
			if snap.AppsAreUsers {
				hidden[s.User] = true
			}
		}
	}
	h.hidden[r.Target] = hidden
	for _, name := range sortedKeys(total) {
		if hidden[name] {
			continue
		}
		if ok, msg := leak(ser[name], h.N); ok {
			r.AddCheck(Check{Name: "leak:" + name, Status: Warning,
				Message: fmt.Sprintf("%s %q may leak connections: %s", what, name, msg)})
		}
	}
}

// Leaking reports the applications of a target currently flagged.
func (h *History) Leaking(target string) map[string]bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[string]bool{}
	for name, s := range h.series[target] {
		if h.hidden[target][name] {
			continue
		}
		if ok, _ := leak(s, h.N); ok {
			out[name] = true
		}
	}
	return out
}

// Trend shows the recent counts of one application, oldest first.
func (h *History) Trend(target, name string) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.series[target][name]
	if len(s) < 2 {
		return ""
	}
	parts := make([]string, len(s))
	for i, x := range s {
		parts[i] = fmt.Sprint(x.total)
	}
	return strings.Join(parts, " ")
}

func push(s []sample, x sample, n int) []sample {
	s = append(s, x)
	if len(s) > n {
		s = s[len(s)-n:]
	}
	return s
}

func allZero(s []sample) bool {
	for _, x := range s {
		if x.total != 0 {
			return false
		}
	}
	return true
}

// leak is the rule: over the last n samples the count never fell, it rose
// in at least half of the steps (a pool warming up rises once and then
// holds: no leak), it ended higher than it began, and the active count did
// not grow with it (the new connections sit idle). A sawtooth, where the
// count falls back, is never a leak.
func leak(s []sample, n int) (bool, string) {
	if len(s) < n {
		return false, ""
	}
	rises := 0
	for i := 1; i < len(s); i++ {
		switch {
		case s[i].total < s[i-1].total:
			return false, ""
		case s[i].total > s[i-1].total:
			rises++
		}
	}
	first, last := s[0], s[len(s)-1]
	steps := len(s) - 1
	if rises*2 < steps || last.total <= first.total || last.active > first.active {
		return false, ""
	}
	return true, fmt.Sprintf("%d -> %d connections over %d samples (%s) while active stayed %d -> %d",
		first.total, last.total, len(s), last.at.Sub(first.at).Round(time.Second), first.active, last.active)
}
