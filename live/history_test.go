package live

import (
	"testing"
	"time"
)

func series(totals, actives []int) []sample {
	var s []sample
	t0 := time.Unix(0, 0)
	for i := range totals {
		s = append(s, sample{totals[i], actives[i], t0.Add(time.Duration(i) * 5 * time.Second)})
	}
	return s
}

func TestLeakRule(t *testing.T) {
	for _, c := range []struct {
		name           string
		totals, active []int
		want           bool
	}{
		{"steady growth, idle", []int{2, 3, 4, 5, 6, 7}, []int{1, 1, 1, 1, 1, 1}, true},
		{"growth with plateaus", []int{2, 3, 3, 4, 4, 5}, []int{1, 1, 1, 1, 1, 1}, true},
		{"sawtooth", []int{2, 3, 4, 2, 3, 4}, []int{1, 1, 1, 1, 1, 1}, false},
		{"pool warms up once", []int{2, 8, 8, 8, 8, 8}, []int{1, 1, 1, 1, 1, 1}, false},
		{"busy: active grows too", []int{2, 3, 4, 5, 6, 7}, []int{1, 2, 3, 4, 5, 6}, false},
		{"flat", []int{5, 5, 5, 5, 5, 5}, []int{0, 0, 0, 0, 0, 0}, false},
		{"too few samples", []int{2, 3, 4}, []int{0, 0, 0}, false},
	} {
		got, _ := leak(series(c.totals, c.active), 6)
		if got != c.want {
			t.Errorf("%s: leak = %v, want %v", c.name, got, c.want)
		}
	}
}
