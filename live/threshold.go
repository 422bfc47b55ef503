package live

import (
	"fmt"
	"strconv"
	"strings"
)

// ThresholdKind is one of check_postgres's three threshold forms.
type ThresholdKind int

const (
	// Percent of capacity: "80%".
	Percent ThresholdKind = iota
	// Absolute number of connections: "120".
	Absolute
	// Remaining free slots: "-5" trips when 5 or fewer slots are left.
	Remaining
)

// Threshold is a parsed --warn / --crit value.
type Threshold struct {
	Kind  ThresholdKind
	Value float64
	Text  string
}

// ParseThreshold reads "80%", "120" or "-5". A threshold that would trip
// on an empty server (0%, 0) or only mean "full" in a roundabout way (-0)
// is refused, as is anything that is not a plain number.
func ParseThreshold(s string) (Threshold, error) {
	t := Threshold{Text: strings.TrimSpace(s)}
	v := t.Text
	switch {
	case v == "":
		return t, fmt.Errorf("empty threshold")
	case strings.HasSuffix(v, "%"):
		num := strings.TrimSuffix(v, "%")
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || !decimal(num) || f <= 0 || f > 100 {
			return t, fmt.Errorf("threshold %q: a percentage must be a number above 0 and at most 100", s)
		}
		t.Kind, t.Value = Percent, f
	case strings.HasPrefix(v, "-"):
		n, err := strconv.Atoi(v[1:])
		if err != nil || !digits(v[1:]) || n < 1 {
			return t, fmt.Errorf("threshold %q: remaining slots must be -N with N a whole number of at least 1 (-0 would only mean full: say 100%%)", s)
		}
		t.Kind, t.Value = Remaining, float64(n)
	default:
		n, err := strconv.Atoi(v)
		if err != nil || !digits(v) || n < 1 {
			return t, fmt.Errorf("threshold %q: want a percentage (80%%), a count of at least 1 (120) or remaining slots (-5)", s)
		}
		t.Kind, t.Value = Absolute, float64(n)
	}
	return t, nil
}

// digits reports whether s is one or more ASCII digits (no sign, no space).
func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// decimal reports whether s is digits with at most one decimal point
// (ParseFloat also takes NaN, Inf, hex and exponents).
func decimal(s string) bool {
	whole, frac, _ := strings.Cut(s, ".")
	return digits(whole) && (frac == "" && !strings.HasSuffix(s, ".") || digits(frac))
}

// Tripped reports whether used of capacity crosses the threshold.
func (t Threshold) Tripped(used, capacity int) bool {
	switch t.Kind {
	case Percent:
		if capacity <= 0 {
			return used > 0
		}
		return float64(used)*100 >= t.Value*float64(capacity)
	case Absolute:
		return float64(used) >= t.Value
	default:
		return float64(capacity-used) <= t.Value
	}
}

// Level is the used count at which the threshold trips, for perfdata.
func (t Threshold) Level(capacity int) int {
	switch t.Kind {
	case Percent:
		// smallest n with n*100 >= value*capacity
		n := int(t.Value * float64(capacity) / 100)
		if float64(n)*100 < t.Value*float64(capacity) {
			n++
		}
		return n
	case Absolute:
		return int(t.Value)
	default:
		return capacity - int(t.Value)
	}
}

// AppliesToLimit reports whether the form makes sense against a per-role
// or per-database limit (an absolute count of server connections does not).
func (t Threshold) AppliesToLimit() bool { return t.Kind != Absolute }

func (t Threshold) String() string { return t.Text }
