package suppress

import (
	"go/parser"
	"go/token"
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in    string
		ok    bool
		rules []string
	}{
		{"//nolint", true, nil},
		{"//nolint:connlint", true, nil},
		{"//nolint:all", true, nil},
		{"//nolint:errcheck,connlint // reason", true, nil},
		{"//nolint:connlint/release", true, []string{"release"}},
		{"//nolint:connlint/release,connlint/singleton", true, []string{"release", "singleton"}},
		{"//nolint:errcheck", false, nil},
		{"//nolint:errcheck // connlint is fine", false, nil},
		{"// nolint:connlint", true, nil},
		{"// connlint-ignore release -- closed by the caller", true, []string{"release"}},
		{"// connlint-ignore singleton,release -- x", true, []string{"singleton", "release"}},
		{"/* connlint-ignore release */", true, []string{"release"}},
		{"// connlint-ignore all -- x", true, nil},
		{"// nolintx", false, nil},
		{"// connlint-ignored release", false, nil},
		{"// see nolint:connlint", false, nil},
	} {
		rules, ok := Parse(tc.in)
		if ok != tc.ok || !slices.Equal(rules, tc.rules) {
			t.Errorf("Parse(%q) = %v, %v; want %v, %v", tc.in, rules, ok, tc.rules, tc.ok)
		}
	}
}

func TestForGoFileScopes(t *testing.T) {
	src := `package p

func a() {
	x := open() //nolint:connlint/release
	y := open()
	// connlint-ignore release -- kept by the caller
	z := open(
		1,
	)
	w := open()
	_, _, _, _ = x, y, z, w
}

//nolint:connlint
func b() {
	open()
	open()
}

func c() {
	open() // connlint-ignore singleton -- other rule
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	ix := ForGoFile(fset, f)
	for _, tc := range []struct {
		rule string
		line int
		want bool
	}{
		{"release", 4, true},
		{"singleton", 4, false},
		{"release", 5, false},
		{"release", 7, true},
		{"release", 8, true},
		{"release", 10, false},
		{"release", 16, true},
		{"singleton", 17, true},
		{"release", 21, false},
		{"singleton", 21, true},
	} {
		if got := ix.Suppressed(tc.rule, tc.line); got != tc.want {
			t.Errorf("%s at line %d: suppressed=%v, want %v", tc.rule, tc.line, got, tc.want)
		}
	}
}
