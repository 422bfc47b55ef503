package gate

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/connlint/connlint/analyzers/diag"
)

// Changes are the lines that a change added or modified, by file.
type Changes struct {
	lines map[string]map[int]bool // canonical absolute path -> new-side lines
	whole map[string]bool         // files new as a whole (untracked)
}

func newChanges() *Changes {
	return &Changes{lines: map[string]map[int]bool{}, whole: map[string]bool{}}
}

// Has reports whether line of file (absolute) was added or changed.
func (c *Changes) Has(file string, line int) bool {
	p := canonical(file)
	return c.whole[p] || c.lines[p][line]
}

// Filter keeps the findings on changed lines; files are relative to wd.
func (c *Changes) Filter(wd string, findings []diag.Finding) []diag.Finding {
	var kept []diag.Finding
	for _, f := range findings {
		if c.Has(absolute(wd, f.File), f.Line) {
			kept = append(kept, f)
		}
	}
	return kept
}

func (c *Changes) add(base, path string, lines map[int]bool) {
	p := canonical(filepath.Join(base, filepath.FromSlash(path)))
	if c.lines[p] == nil {
		c.lines[p] = map[int]bool{}
	}
	for l := range lines {
		c.lines[p][l] = true
	}
}

// ParsePatch reads a unified diff (git diff, diff -u) and records the lines
// its new side adds. A path in the patch is taken relative to each of bases
// (a patch from `git diff` names paths from the repository's top, one made
// with --relative or by hand from the working directory); a leading "b/" is
// tried with and without.
//
// A patch that is empty or holds no file of a unified diff is an error: it
// is what a failed `git diff > pr.patch` leaves, and read as "no change"
// it would hide every finding.
func ParsePatch(r io.Reader, bases ...string) (*Changes, error) {
	c := newChanges()
	files, err := parseDiff(r, func(path string, lines map[int]bool) {
		cands := []string{path}
		if rest, ok := strings.CutPrefix(path, "b/"); ok {
			cands = []string{rest, path}
		}
		for _, base := range bases {
			for _, p := range cands {
				c.add(base, p, lines)
			}
		}
	})
	switch {
	case err != nil:
		return nil, err
	case files.headers == 0 && files.lines == 0:
		return nil, ErrEmptyPatch
	case files.headers == 0:
		return nil, ErrNotADiff
	}
	return c, nil
}

// ErrEmptyPatch and ErrNotADiff reject a patch that cannot stand for a
// change.
var (
	ErrEmptyPatch = errors.New("the patch is empty, not a unified diff (did the command that wrote it fail?)")
	ErrNotADiff   = errors.New("not a unified diff: no \"diff --git\" line and no \"--- a/file\" / \"+++ b/file\" header")
)

// diffStats is what parseDiff saw.
type diffStats struct {
	headers int // file headers: "diff " and "+++ " lines outside hunks
	lines   int // non-blank lines
}

// parseDiff calls file for each file of a unified diff with the new-side
// line numbers its hunks add. A hunk before any file header is an error.
func parseDiff(r io.Reader, file func(path string, added map[int]bool)) (diffStats, error) {
	var stats diffStats
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	var (
		path          string
		added         map[int]bool
		oldLeft, left int // lines of the hunk still to read, old and new side
		next          int // new-side number of the next line
		lineNo        int
	)
	flush := func() {
		if path != "" && len(added) > 0 {
			file(path, added)
		}
		path, added = "", nil
	}
	for sc.Scan() {
		lineNo++
		l := sc.Text()
		if strings.TrimSpace(l) != "" {
			stats.lines++
		}
		if oldLeft > 0 || left > 0 {
			switch {
			case strings.HasPrefix(l, "+"):
				if added != nil {
					added[next] = true
				}
				next++
				left--
			case strings.HasPrefix(l, "-"):
				oldLeft--
			case strings.HasPrefix(l, " "), l == "":
				next++
				left--
				oldLeft--
			case strings.HasPrefix(l, `\`): // "\ No newline at end of file"
			default:
				return stats, fmt.Errorf("patch line %d: %q inside a hunk", lineNo, l)
			}
			continue
		}
		switch {
		case strings.HasPrefix(l, "diff "):
			flush()
			stats.headers++
		case strings.HasPrefix(l, "+++ "):
			flush()
			stats.headers++
			p, err := patchPath(strings.TrimPrefix(l, "+++ "))
			if err != nil {
				return stats, fmt.Errorf("patch line %d: %v", lineNo, err)
			}
			if p != "/dev/null" {
				path, added = p, map[int]bool{}
			}
		case strings.HasPrefix(l, "@@ "):
			if stats.headers == 0 {
				return stats, fmt.Errorf("patch line %d: a hunk before any file header (\"+++ b/file\")", lineNo)
			}
			o, n, start, err := hunkHeader(l)
			if err != nil {
				return stats, fmt.Errorf("patch line %d: %v", lineNo, err)
			}
			oldLeft, left, next = o, n, start
		}
	}
	if err := sc.Err(); err != nil {
		return stats, err
	}
	flush()
	return stats, nil
}

// patchPath reads the path of a "+++ " line: maybe quoted (git quotes odd
// names C-style), maybe followed by a tab and a timestamp (diff -u).
func patchPath(s string) (string, error) {
	if strings.HasPrefix(s, `"`) {
		end := 1
		for end < len(s) && s[end] != '"' {
			if s[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(s) {
			return "", fmt.Errorf("unterminated quoted path %s", s)
		}
		return strconv.Unquote(s[:end+1])
	}
	if i := strings.IndexByte(s, '\t'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimRight(s, " "), nil
}

// hunkHeader reads "@@ -a,b +c,d @@": the old and new line counts and the
// first new line.
func hunkHeader(l string) (oldCount, newCount, newStart int, err error) {
	fields := strings.Fields(l)
	if len(fields) < 3 || !strings.HasPrefix(fields[1], "-") || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, 0, fmt.Errorf("bad hunk header %q", l)
	}
	_, oldCount, err = hunkRange(fields[1][1:])
	if err != nil {
		return 0, 0, 0, fmt.Errorf("bad hunk header %q", l)
	}
	newStart, newCount, err = hunkRange(fields[2][1:])
	if err != nil {
		return 0, 0, 0, fmt.Errorf("bad hunk header %q", l)
	}
	return oldCount, newCount, newStart, nil
}

func hunkRange(s string) (start, count int, err error) {
	a, b, ok := strings.Cut(s, ",")
	if start, err = strconv.Atoi(a); err != nil {
		return 0, 0, err
	}
	count = 1
	if ok {
		count, err = strconv.Atoi(b)
	}
	return start, count, err
}

// FromPatchFile reads a patch file; its paths are taken relative to the
// repository's top (when wd is in a git repository) and to wd.
func FromPatchFile(ctx context.Context, wd, patch string) (*Changes, error) {
	f, err := os.Open(patch)
	if err != nil {
		return nil, fmt.Errorf("--new-from-patch: %w", err)
	}
	defer f.Close()
	bases := []string{wd}
	if top, err := gitTop(ctx, wd); err == nil && top != wd {
		bases = append(bases, top)
	}
	c, err := ParsePatch(f, bases...)
	if err != nil {
		return nil, fmt.Errorf("--new-from-patch %s: %w", patch, err)
	}
	return c, nil
}

// FromRev returns what changed since rev: the diff from rev to the working
// tree (committed, staged and unstaged changes alike) and every untracked
// file that git does not ignore, as golangci-lint's --new-from-rev does.
func FromRev(ctx context.Context, wd, rev string) (*Changes, error) {
	top, err := gitTop(ctx, wd)
	if err != nil {
		return nil, err
	}
	if _, err := git(ctx, top, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("--new-from-rev %s: not a commit in %s", rev, top)
	}
	diff, err := git(ctx, top, "-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv",
		"--find-renames", "--src-prefix=a/", "--dst-prefix=b/", "-U0", rev, "--")
	if err != nil {
		return nil, err
	}
	c := newChanges()
	_, err = parseDiff(bytes.NewReader(diff), func(path string, lines map[int]bool) {
		c.add(top, strings.TrimPrefix(path, "b/"), lines)
	})
	if err != nil {
		return nil, fmt.Errorf("git diff %s: %w", rev, err)
	}
	untracked, err := git(ctx, top, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(string(untracked), "\x00") {
		if p != "" {
			c.whole[canonical(filepath.Join(top, filepath.FromSlash(p)))] = true
		}
	}
	return c, nil
}

func gitTop(ctx context.Context, wd string) (string, error) {
	out, err := git(ctx, wd, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", fmt.Errorf("not in a git repository: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}

func absolute(wd, file string) string {
	if filepath.IsAbs(file) {
		return filepath.Clean(file)
	}
	return filepath.Join(wd, filepath.FromSlash(file))
}

// canonical resolves symbolic links in a path's folder, so that a
// working directory reached through a link matches git's real paths.
func canonical(path string) string {
	dir, base := filepath.Split(filepath.Clean(path))
	if real, err := evalDir(dir); err == nil {
		return filepath.Join(real, base)
	}
	return filepath.Clean(path)
}

var evalCache sync.Map // folder -> folder with links resolved

func evalDir(dir string) (string, error) {
	if r, ok := evalCache.Load(dir); ok {
		return r.(string), nil
	}
	r, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	evalCache.Store(dir, r)
	return r, nil
}
