package ruledoc

import (
	"flag"
	"go/format"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/diag"
)

var update = flag.Bool("update", false, "rewrite docs/rules.md")

func TestEveryRuleDocumented(t *testing.T) {
	want := []string{diag.RuleSingleton, diag.RuleRelease}
	if len(Rules) != len(want) {
		t.Fatalf("%d rules documented, want %v", len(Rules), want)
	}
	for i, r := range Rules {
		if r.ID != want[i] {
			t.Errorf("rule %d is %q, want %q", i, r.ID, want[i])
		}
		for name, v := range map[string]string{"Name": r.Name, "Summary": r.Summary, "Why": r.Why, "Fix": r.Fix} {
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: empty %s", r.ID, name)
			}
		}
		for _, ex := range []Example{r.GoBad, r.GoGood} {
			src, err := format.Source([]byte(ex.Code))
			if err != nil {
				t.Errorf("%s: Go example %s does not parse: %v", r.ID, ex.File, err)
			} else if string(src) != ex.Code {
				t.Errorf("%s: Go example %s is not gofmt'ed", r.ID, ex.File)
			}
		}
		for _, ex := range []Example{r.TSBad, r.TSGood} {
			if !strings.HasSuffix(ex.File, ".ts") || ex.Code == "" {
				t.Errorf("%s: TS example %q", r.ID, ex.File)
			}
		}
		if _, ok := Lookup(r.ID); !ok {
			t.Errorf("Lookup(%q) fails", r.ID)
		}
	}
}

func TestRulesMarkdownUpToDate(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "rules.md")
	doc := Document()
	if *update {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./analyzers/ruledoc -update)", err)
	}
	if string(got) != doc {
		t.Errorf("docs/rules.md is out of date: run go test ./analyzers/ruledoc -update")
	}
	for _, r := range Rules {
		// GitHub's anchor for "## singleton" is #singleton: the help URI.
		if !strings.Contains(doc, "\n## "+r.ID+"\n") {
			t.Errorf("no heading for %s, so %s leads nowhere", r.ID, r.HelpURI())
		}
	}
}
