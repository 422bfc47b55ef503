package live

import "testing"

func TestParseThreshold(t *testing.T) {
	for _, c := range []struct {
		in   string
		kind ThresholdKind
		v    float64
	}{
		{"80%", Percent, 80}, {"95.5%", Percent, 95.5}, {"120", Absolute, 120}, {"-5", Remaining, 5}, {"1", Absolute, 1}, {"100%", Percent, 100},
	} {
		th, err := ParseThreshold(c.in)
		if err != nil || th.Kind != c.kind || th.Value != c.v {
			t.Errorf("ParseThreshold(%q) = %+v, %v", c.in, th, err)
		}
	}
	for _, bad := range []string{"", "abc", "120%%", "101%", "-x", "1.5", "-1.5", "0", "-0", "-00", "0%", "0.0%", "NaN%", "Inf%", "1e1%", "0x10%", "+5", "-+5", " -5%", ".5%", "5.%"} {
		if _, err := ParseThreshold(bad); err == nil {
			t.Errorf("ParseThreshold(%q) accepted", bad)
		}
	}
}

func TestThresholdTripped(t *testing.T) {
	th := func(s string) Threshold { x, _ := ParseThreshold(s); return x }
	for _, c := range []struct {
		th        string
		used, cap int
		want      bool
	}{
		{"80%", 79, 100, false}, {"80%", 80, 100, true}, {"80%", 13, 17, false}, {"80%", 14, 17, true},
		{"120", 119, 200, false}, {"120", 120, 200, true},
		{"-5", 94, 100, false}, {"-5", 95, 100, true}, {"-1", 16, 17, true}, {"-1", 15, 17, false},
	} {
		if got := th(c.th).Tripped(c.used, c.cap); got != c.want {
			t.Errorf("%s tripped(%d of %d) = %v, want %v", c.th, c.used, c.cap, got, c.want)
		}
	}
	if l := th("80%").Level(17); l != 14 {
		t.Errorf("80%% level of 17 = %d, want 14", l)
	}
	if l := th("-5").Level(17); l != 12 {
		t.Errorf("-5 level of 17 = %d, want 12", l)
	}
}
