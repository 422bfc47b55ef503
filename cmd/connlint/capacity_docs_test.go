package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCapacityWalkthrough runs docs/capacity.md's story as written, in
// order, on a copy of testdata/pools/next-prisma: each command's exit
// status and output, the file edits it asks for, and the live check
// against the throwaway PostgreSQL cluster (DATABASE_URL points there).
func TestCapacityWalkthrough(t *testing.T) {
	root := copyDir(t, "testdata/pools/next-prisma")
	dir := filepath.Join(root, "testdata", "pools", "next-prisma")
	bin := binDir(t)
	run := func(name string, want ...int) []string {
		t.Helper()
		cmds := shellCommands(snippet(t, name).Code)
		if len(cmds) != len(want) {
			t.Fatalf("%s: %d commands, the test expects %d", name, len(cmds), len(want))
		}
		var outs []string
		for i, c := range cmds {
			out, stderr, code := shellSplit(t, dir, bin, c)
			if code != want[i] {
				t.Errorf("%s: %s: exit %d, want %d\n%s%s", name, c, code, want[i], out, stderr)
			}
			outs = append(outs, out)
		}
		return outs
	}

	// 1. The inventory: exactly what the page shows.
	out := run("capacity-inventory", 2)
	if want := snippet(t, "capacity-inventory-output").Code; out[0] != want {
		t.Errorf("connlint pools --cpus 4 prints\n%s\nthe page shows\n%s", out[0], want)
	}

	// 2. The sum: the lines shown are lines of the output.
	out = run("capacity-sum", 1)
	hasLines(t, "capacity-sum-output", out[0], snippetLines(t, "capacity-sum-output"))

	// The README's example is the same sum: 162 connections for 97 slots.
	out = run("capacity-readme", 1)
	if !strings.Contains(out[0], "Server postgres: planned 162, capacity 97") {
		t.Errorf("the README's command:\n%s", out[0])
	}

	// 3. The production URL, written where the page says.
	env := snippet(t, "capacity-env").Code
	if !strings.Contains(env, "connection_limit=5&pool_timeout=10&application_name=shop") {
		t.Fatalf("capacity-env: %s", env)
	}
	writeFile(t, filepath.Join(dir, ".env.production"), env)
	out = run("capacity-fixed", 0, 1, 0)
	for i, line := range snippetLines(t, "capacity-fixed-output") {
		hasLines(t, "capacity-fixed-output", out[i], []string{line})
	}
	if !strings.Contains(out[0], "connection_limit=5 in DATABASE_URL (.env.production:1)") {
		t.Errorf("the maximum does not come from .env.production:\n%s", out[0])
	}
	if strings.Contains(out[0], "sets no connection_limit") {
		t.Errorf("still the default:\n%s", out[0])
	}

	// 4. The config: replicas from .connlint.yml.
	writeFile(t, filepath.Join(dir, ".connlint.yml"), snippet(t, "capacity-config").Code)
	stdout, stderr, code := shellSplit(t, dir, bin, "connlint pools --cpus 4 --surge --max-connections 200")
	if code != 0 || !strings.Contains(stdout, "replicas 18 (config (.connlint.yml:2))") {
		t.Errorf("with the config: exit %d\n%s%s", code, stdout, stderr)
	}
	pg := cleanPG(t)
	dbURL := "DATABASE_URL=" + pg.DSN("postgres", "postgres", "")
	cmds := shellCommands(snippet(t, "capacity-ci").Code)
	if len(cmds) != 1 {
		t.Fatalf("capacity-ci: %q", cmds)
	}
	// The test cluster allows 40 - 3: the plan's 180 cannot fit.
	stdout, stderr, code = shellSplit(t, dir, bin, cmds[0], dbURL)
	if code != 1 || !strings.Contains(stdout, "| postgres | 37 | 180 | -143 | exceeds |") {
		t.Errorf("capacity-ci: exit %d, want 1\n%s%s", code, stdout, stderr)
	}

	// 5. Live against the plan: four connections of the shop's.
	pg.Open(t, 4, "postgres", "postgres", "shop", "")
	stdout, stderr, code = shellSplit(t, dir, bin, snippet(t, "capacity-live").Code, dbURL)
	if code != 0 {
		t.Errorf("capacity-live: exit %d\n%s%s", code, stdout, stderr)
	}
	hasLines(t, "capacity-live-output", squeeze(stdout), []string{squeeze(snippet(t, "capacity-live-output").Code)})
}

func snippetLines(t *testing.T, name string) []string {
	t.Helper()
	return strings.Split(strings.TrimRight(snippet(t, name).Code, "\n"), "\n")
}

// hasLines checks that every line is a line of out (or, for a squeezed
// text, a part of it).
func hasLines(t *testing.T, name, out string, lines []string) {
	t.Helper()
	for _, l := range lines {
		if !strings.Contains("\n"+out+"\n", "\n"+strings.TrimSpace(l)+"\n") && !strings.Contains(out, strings.TrimSpace(l)) {
			t.Errorf("%s: %q is not in the output:\n%s", name, l, out)
		}
	}
}

var spaces = regexp.MustCompile(`[ \t]+`)

func squeeze(s string) string { return spaces.ReplaceAllString(s, " ") }
