package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/analyzers/ruledoc"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// ciFixture lays out a repository (top/.git) with the files the findings
// point into, moves into its svc/ folder (findings are relative to the
// working directory) and returns the result to write.
func ciFixture(t *testing.T) diag.Result {
	t.Helper()
	top := t.TempDir()
	files := map[string]string{
		".git/HEAD": "ref: refs/heads/main\n",
		"svc/api/orders.go": "package api\n\nfunc Orders() {\n\trows, err := store.Recent(ctx, pool)\n" +
			"\tif err != nil {\n\t\treturn\n\t}\n\tfor rows.Next() {\n\t\treturn\n\t}\n}\n",
		"svc/api/héllo.go": "package api\n\nfunc H() { s := \"héllo 😀\"; db, _ := sql.Open(\"pgx\", s) }\n",
		"svc/web/route.ts": "export async function GET() {\n  const prisma = new PrismaClient();\n}\n",
	}
	for name, content := range files {
		p := filepath.Join(top, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Join(top, "svc"))
	return diag.Result{
		Findings: []diag.Finding{
			{Rule: "release", Language: "go", File: "api/orders.go", Line: 4, Column: 2, EndLine: 4, EndColumn: 39,
				Message: "rows from store.Recent are not closed on every path: 100% leaked, a, b: <c> & \"d\"",
				Related: []diag.Related{{File: "api/orders.go", Line: 9, Column: 3, Message: "this return skips rows.Close"}}},
			{Rule: "singleton", Language: "go", File: "api/héllo.go", Line: 3, Column: 41, EndLine: 3, EndColumn: 59,
				Message: "sql.Open builds a new pool per call", Related: []diag.Related{}},
			{Rule: "singleton", Language: "ts", File: "web/route.ts", Line: 2, Column: 18, EndLine: 2, EndColumn: 36,
				Message: "new PrismaClient in a route handler:\nuse the one in lib/prisma.ts",
				Related: []diag.Related{{File: "../lib/prisma.ts", Line: 5, Message: "the singleton"}}},
		},
		Errors: []diag.Error{{File: "broken/b.go", Message: "package example.com/broken: undefined: x"}},
	}
}

func render(t *testing.T, format string, res diag.Result) (string, string) {
	t.Helper()
	w, err := Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := w(&out, &errOut, res); err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String()
}

// golden compares got with testdata/name (rewritten under -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./internal/output -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

var goldenDir, _ = filepath.Abs("testdata")

func TestGitHubFormat(t *testing.T) {
	out, _ := render(t, "github", ciFixture(t))
	golden(t, "ci.github.txt", out)
	// Every line is a workflow command GitHub parses: properties without
	// raw ':' ',' or newlines, one line per annotation.
	cmd := regexp.MustCompile(`^::(error|warning) ((file|line|endLine|col|endColumn|title)=[^:,]*)(,(file|line|endLine|col|endColumn|title)=[^:,]*)*::.+$`)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 4 {
		t.Errorf("%d lines, want 3 findings and 1 input error", len(lines))
	}
	for _, l := range lines {
		if !cmd.MatchString(l) {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	if !strings.Contains(out, "file=svc/api/orders.go,line=4,col=2,endColumn=39,title=connlint release::") {
		t.Errorf("paths must be relative to the repository's top:\n%s", out)
	}
}

func TestCheckstyleFormat(t *testing.T) {
	out, errOut := render(t, "checkstyle", ciFixture(t))
	golden(t, "ci.checkstyle.xml", out)
	var doc struct {
		XMLName xml.Name `xml:"checkstyle"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if len(doc.Files) != 4 || doc.Files[0].Errors[0].Source != "connlint.release" ||
		!strings.Contains(doc.Files[0].Errors[0].Message, `<c> & "d"`) {
		t.Errorf("decoded %+v", doc)
	}
	// An input error is in the report too (a report read alone must not
	// pass the broken package as clean), and in the build log.
	if broken := doc.Files[3]; broken.Name != "broken/b.go" || len(broken.Errors) != 1 || broken.Errors[0].Source != "connlint" ||
		broken.Errors[0].Severity != "error" || !strings.Contains(broken.Errors[0].Message, "undefined: x") {
		t.Errorf("input error: %+v", broken)
	}
	if !strings.Contains(errOut, "broken/b.go") {
		t.Errorf("input errors belong on stderr too: %q", errOut)
	}
}

func TestSARIFFormat(t *testing.T) {
	out, _ := render(t, "sarif", ciFixture(t))
	golden(t, "ci.sarif", out)
	for _, msg := range checkSARIFForGitHub([]byte(out)) {
		t.Error(msg)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartColumn, EndColumn int }
					}
				}
			}
		}
	}
	json.Unmarshal([]byte(out), &log)
	// "héllo 😀" before the call: byte columns 41..59 are UTF-16 columns 38..56.
	if r := log.Runs[0].Results[1].Locations[0].PhysicalLocation.Region; r.StartColumn != 38 || r.EndColumn != 56 {
		t.Errorf("columns %+v, want UTF-16 code units 38..56", r)
	}
}

func TestSARIFEmpty(t *testing.T) {
	t.Chdir(t.TempDir())
	out, _ := render(t, "sarif", diag.Result{})
	if !strings.Contains(out, `"results": []`) {
		t.Errorf("no findings must still be a results array:\n%s", out)
	}
	for _, msg := range checkSARIFForGitHub([]byte(out)) {
		t.Error(msg)
	}
}

// checkSARIFForGitHub checks a SARIF log against what GitHub code scanning
// requires of an upload (docs.github.com, "SARIF support for code
// scanning"), and returns what is wrong.
func checkSARIFForGitHub(data []byte) []string {
	var bad []string
	fail := func(format string, args ...any) { bad = append(bad, sprintf(format, args...)) }
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	if log["version"] != "2.1.0" {
		fail("version %v, want 2.1.0", log["version"])
	}
	if s, _ := log["$schema"].(string); !strings.Contains(s, "sarif") || !strings.Contains(s, "2.1.0") {
		fail("$schema %q does not name SARIF 2.1.0", s)
	}
	runs, _ := log["runs"].([]any)
	if len(runs) == 0 {
		return append(bad, "no runs")
	}
	for _, rv := range runs {
		run, _ := rv.(map[string]any)
		driver, _ := dig(run, "tool", "driver").(map[string]any)
		if name, _ := driver["name"].(string); name == "" {
			fail("tool.driver.name missing")
		}
		rules, _ := driver["rules"].([]any)
		ids := map[string]int{}
		for i, rv := range rules {
			r, _ := rv.(map[string]any)
			id, _ := r["id"].(string)
			if id == "" {
				fail("rule %d without id", i)
			}
			ids[id] = i
			for _, field := range []string{"shortDescription", "fullDescription"} {
				if s, _ := dig(r, field, "text").(string); s == "" {
					fail("rule %s: %s.text missing", id, field)
				}
			}
			if s, _ := dig(r, "help", "text").(string); s == "" {
				fail("rule %s: help.text missing", id)
			}
			if s, _ := dig(r, "help", "markdown").(string); s == "" {
				fail("rule %s: help.markdown missing", id)
			}
			if u, _ := r["helpUri"].(string); !strings.HasPrefix(u, "https://") {
				fail("rule %s: helpUri %q", id, u)
			}
		}
		for _, want := range ruledoc.Rules {
			if _, ok := ids[want.ID]; !ok {
				fail("rule %s not in tool.driver.rules", want.ID)
			}
		}
		results, ok := run["results"].([]any)
		if !ok {
			fail("results must be an array")
		}
		for i, resv := range results {
			res, _ := resv.(map[string]any)
			id, _ := res["ruleId"].(string)
			idx, hasIdx := res["ruleIndex"].(float64)
			if j, known := ids[id]; !known || !hasIdx || int(idx) != j {
				fail("result %d: ruleId %q / ruleIndex %v do not name a rule", i, id, res["ruleIndex"])
			}
			switch res["level"] {
			case "error", "warning", "note", "none":
			default:
				fail("result %d: level %v", i, res["level"])
			}
			if s, _ := dig(res, "message", "text").(string); s == "" {
				fail("result %d: message.text missing", i)
			}
			locs, _ := res["locations"].([]any)
			if len(locs) != 1 {
				fail("result %d: %d locations, want 1", i, len(locs))
			}
			for _, lv := range locs {
				checkLocation(fail, i, lv, true)
			}
			rel, _ := res["relatedLocations"].([]any)
			seen := map[float64]bool{}
			for _, lv := range rel {
				checkLocation(fail, i, lv, false)
				l, _ := lv.(map[string]any)
				id, ok := l["id"].(float64)
				if !ok || seen[id] {
					fail("result %d: related location without a unique id", i)
				}
				seen[id] = true
				if s, _ := dig(l, "message", "text").(string); s == "" {
					fail("result %d: related location without message", i)
				}
			}
			fps, _ := res["partialFingerprints"].(map[string]any)
			if len(fps) == 0 {
				fail("result %d: no partialFingerprints", i)
			}
			for k, v := range fps {
				if s, _ := v.(string); s == "" || k == "" {
					fail("result %d: empty fingerprint %q", i, k)
				}
			}
		}
	}
	return bad
}

func checkLocation(fail func(string, ...any), i int, lv any, primary bool) {
	l, _ := lv.(map[string]any)
	uri, _ := dig(l, "physicalLocation", "artifactLocation", "uri").(string)
	if uri == "" || strings.HasPrefix(uri, "/") || strings.Contains(uri, `\`) || strings.Contains(uri, "://") || strings.HasPrefix(uri, "./") {
		fail("result %d: uri %q must be relative with forward slashes", i, uri)
	}
	line, _ := dig(l, "physicalLocation", "region", "startLine").(float64)
	if line < 1 {
		fail("result %d: region.startLine %v", i, line)
	}
	if col, ok := dig(l, "physicalLocation", "region", "startColumn").(float64); primary && (!ok || col < 1) {
		fail("result %d: region.startColumn %v", i, col)
	}
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
