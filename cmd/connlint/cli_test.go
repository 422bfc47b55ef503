package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/internal/testbin"
)

// binary is the connlint command built once for the tests that run it as
// users do.
var binary string

func TestMain(m *testing.M) {
	var err error
	if binary, err = testbin.Connlint(filepath.Join("..", "..")); err != nil {
		fmt.Fprintln(os.Stderr, "building connlint:", err)
		os.Exit(1)
	}
	code := m.Run()
	readmePG.Stop()
	os.Exit(code)
}

// connlint runs the binary in dir and returns stdout, stderr and the exit
// status.
func connlint(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// writeTree writes files (path -> content) below a new temp dir.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const goMod = "module example.com/m\n\ngo 1.26.0\n"

func TestBrokenPackageIsListedAndTheRestChecked(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":      goMod,
		"ok/ok.go":    "package ok\n\nfunc F() int { return 1 }\n",
		"bad/bad.go":  "package bad\n\nfunc G() int { return missing }\n",
		"syntax/s.go": "package syntax\n\nfunc H( {\n",
	})
	out, _, code := connlint(t, dir, "--format", "json", "./...")
	if code != 2 {
		t.Fatalf("exit %d, want 2 (errors are listed, the rest checked, and the run fails): %s", code, out)
	}
	var res diag.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	files := map[string]string{}
	for _, e := range res.Errors {
		files[e.File] = e.Message
	}
	if !strings.Contains(files["bad/bad.go"], "undefined: missing") {
		t.Errorf("type error not listed with its first message: %+v", res.Errors)
	}
	if _, ok := files["syntax/s.go"]; !ok {
		t.Errorf("parse error not listed: %+v", res.Errors)
	}
	if res.Findings == nil {
		t.Error(`"findings" must be [] not null`)
	}
}

// A TS/JS file that does not parse is listed, in every format, and the
// run exits 2 once the rest is checked and reported.
func TestUnparsableFileFailsTheRun(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"package.json":     `{"name": "app", "dependencies": {"pg": "8"}}`,
		"src/handler.ts":   "import { Pool } from 'pg'\n\nexport async function count() {\n  const pool = new Pool()\n  return pool.query('select 1')\n}\n",
		"src/garbage.ts":   ")))) ]]]] }}}} ;;;; (((( 'pg' ]]]]\n",
		"src/unrelated.ts": "export const x = 1\n",
	})
	out, _, code := connlint(t, dir, "--format", "json", "./...")
	var res diag.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if code != 2 || len(res.Findings) != 1 || res.Findings[0].File != "src/handler.ts" ||
		len(res.Errors) != 1 || res.Errors[0].File != "src/garbage.ts" {
		t.Fatalf("exit %d, %+v; want 2, the finding in src/handler.ts and the error of src/garbage.ts", code, res)
	}
	out, _, code = connlint(t, dir, "--format", "checkstyle", "./...")
	if code != 2 || !strings.Contains(out, `<file name="src/garbage.ts">`) || !strings.Contains(out, `source="connlint"`) ||
		!strings.Contains(out, `<file name="src/handler.ts">`) {
		t.Errorf("checkstyle: exit %d\n%s", code, out)
	}
	if _, stderr, code := connlint(t, dir, "./..."); code != 2 || !strings.Contains(stderr, "src/garbage.ts") {
		t.Errorf("text: exit %d, stderr %q", code, stderr)
	}
}

func TestExitStatusTwo(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":      goMod,
		"a/a.go":      "package a\n",
		"cfg/bad.yml": "singleton: [a]\nsingletonz: [b]\n",
	})
	for _, link := range [][2]string{{"loop", "loop2"}, {"loop2", "loop"}, {"dangling", "gone"}} {
		if err := os.Symlink(link[1], filepath.Join(dir, link[0])); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bad flag", []string{"--no-such-flag"}, "flag provided but not defined"},
		{"bad format", []string{"--format", "xml"}, `unknown format "xml"`},
		{"bad config names file:line", []string{"--config", "cfg/bad.yml"}, "bad.yml:2: unknown key \"singletonz\""},
		{"missing path", []string{"./nope"}, "no such file or directory"},
		{"mistyped command", []string{"versoin"}, "connlint: versoin: unknown command or path: no such file or folder, and no Go package (package versoin is not in std"},
		{"mistyped command's hint", []string{"versoin"}, "did you mean `connlint version`?"},
		{"missing folder without ./", []string{"nope/sub"}, "nope/sub: unknown command or path"},
		{"import path of no package", []string{"example.com/m/nope"}, "example.com/m/nope: unknown command or path: no such file or folder, and no Go package (no required module provides package"},
		{"unknown word beside a good pattern", []string{"./...", "lnit"}, "lnit: unknown command or path"},
		{"symbolic link loop", []string{"loop"}, "loop: cannot follow the symbolic link: too many levels of symbolic links"},
		{"symbolic link loop as a folder pattern", []string{"./loop/..."}, "cannot follow the symbolic link"},
		{"dangling symbolic link", []string{"dangling"}, "dangling: symbolic link to gone, which does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := connlint(t, dir, tc.args...)
			if code != 2 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
		})
	}
	empty := t.TempDir()
	if _, stderr, code := connlint(t, empty); code != 2 || !strings.Contains(stderr, "nothing to check") {
		t.Errorf("empty folder: exit %d, stderr %q; want 2, nothing to check", code, stderr)
	}
}

// TestPatternsStillWork: what is not an unknown argument keeps working:
// the module's packages by pattern, folder and import path, a standard
// library package.
func TestPatternsStillWork(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":     goMod,
		"a/a.go":     "package a\n",
		"a/b/b.go":   "package b\n",
		"cmd/x/x.go": "package main\n\nfunc main() {}\n",
	})
	for _, args := range [][]string{{"./..."}, {"./a/..."}, {"a"}, {"./a"}, {"example.com/m/a"}, {"example.com/m/..."}, {"errors"}, {"a/b/b.go"}} {
		if _, stderr, code := connlint(t, dir, append([]string{"--quiet"}, args...)...); code != 0 {
			t.Errorf("connlint %s: exit %d, want 0\n%s", strings.Join(args, " "), code, stderr)
		}
	}
}

func TestFlagsAfterPatterns(t *testing.T) {
	dir := writeTree(t, map[string]string{"go.mod": goMod, "a/a.go": "package a\n"})
	out, stderr, code := connlint(t, dir, "./...", "--format", "json")
	if code != 0 || !strings.HasPrefix(out, "{") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

func TestConfigDiscoveredUpward(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":        goMod,
		".connlint.yml": "exclude: [\"**/gen/**\"]\nbogus: 1\n",
		"a/a.go":        "package a\n",
	})
	_, stderr, code := connlint(t, filepath.Join(dir, "a"), ".")
	if code != 2 || !strings.Contains(stderr, ".connlint.yml:2") {
		t.Errorf("the nearest config above the working directory was not read: exit %d, %q", code, stderr)
	}
}

func TestFolderWithoutGoFilesInAGoModule(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"go.mod":           goMod,
		"a/a.go":           "package a\n",
		"web/lib/db.ts":    "import { Pool } from 'pg'\n\nexport async function count() {\n  const pool = new Pool()\n  return pool.query('select 1')\n}\n",
		"web/package.json": "{\"name\": \"web\"}\n",
	})
	out, stderr, code := connlint(t, dir, "--format", "json", "./web")
	var res diag.Result
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("exit %d, not JSON: %v\n%s\n%s", code, err, out, stderr)
	}
	if len(res.Errors) != 0 {
		t.Errorf("a folder with no Go files must not be a Go error: %+v", res.Errors)
	}
	if code != 1 || len(res.Findings) == 0 || res.Findings[0].File != "web/lib/db.ts" {
		t.Errorf("exit %d, findings %+v; want the TS finding in web/lib/db.ts", code, res.Findings)
	}
}
