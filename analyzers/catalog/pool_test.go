package catalog

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestFormula(t *testing.T) {
	for _, tc := range []struct {
		f    string
		cpus int
		want int
		cpu  bool
	}{
		{"10", 8, 10, false},
		{"2*cpus+1", 4, 9, true},
		{"max(4,cpus)", 2, 4, true},
		{"max(4,cpus)", 16, 16, true},
		{"10*cpus", 3, 30, true},
		{"(cpus+1)*2", 3, 8, true},
	} {
		f, err := ParseFormula(tc.f)
		if err != nil {
			t.Fatalf("%s: %v", tc.f, err)
		}
		if got := f.Eval(tc.cpus); got != tc.want || f.CPU != tc.cpu {
			t.Errorf("%s at %d cpus = %d (cpu %v), want %d (%v)", tc.f, tc.cpus, got, f.CPU, tc.want, tc.cpu)
		}
	}
	for _, bad := range []string{"", "cpu", "max(4)", "2*", "10 connections", "(1"} {
		if _, err := ParseFormula(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// Every client entry of the built-in catalog says how many connections it
// holds, with the source of its default.
func TestBuiltinPools(t *testing.T) {
	for _, e := range Default().Entries {
		if e.Client == "" {
			continue
		}
		if e.Pool == nil {
			t.Errorf("catalog.yml:%d: client %s (%s) has no pool", e.Line, e.Client, e.Language)
			continue
		}
		if e.Pool.Source == "" {
			t.Errorf("catalog.yml:%d: %s: pool without a source", e.Line, e.Client)
		}
	}
}

func TestPoolKeysStrict(t *testing.T) {
	src := "- language: js\n  client: x\n  modules: [x]\n  pool:\n    kind: pool\n    maximum: 3\n"
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		t.Fatal(err)
	}
	_, err := DecodeEntries(root.Content[0])
	if err == nil || !strings.Contains(err.Error(), `line 6: unknown key "maximum" in pool`) {
		t.Errorf("err = %v", err)
	}
	src = "- language: js\n  client: x\n  modules: [x]\n  pool:\n    kind: pool\n    max: lots\n"
	yaml.Unmarshal([]byte(src), &root)
	if _, err := DecodeEntries(root.Content[0]); err == nil || !strings.Contains(err.Error(), `pool max "lots"`) {
		t.Errorf("err = %v", err)
	}
}
