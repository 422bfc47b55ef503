package corpus

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// RepoResult is one project's run scored against its labels.
type RepoResult struct {
	Repo  string `json:"repo"`
	Run   Run    `json:"run"`
	Score Score  `json:"score"`
	Err   string `json:"error,omitempty"`
}

// LabelledRepos lists the projects of a corpus: every labels/<repo>.tsv
// whose <repo> directory exists beside it.
func LabelledRepos(root string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(root, "labels", "*.tsv"))
	if err != nil {
		return nil, err
	}
	var repos []string
	for _, p := range paths {
		repo := strings.TrimSuffix(filepath.Base(p), ".tsv")
		if st, err := os.Stat(filepath.Join(root, repo)); err == nil && st.IsDir() {
			repos = append(repos, repo)
		}
	}
	sort.Strings(repos)
	return repos, nil
}

// Tally lints one labelled project and scores the findings.
func Tally(ctx context.Context, bin, root, repo string) RepoResult {
	res := RepoResult{Repo: repo}
	labels, err := ReadLabels(filepath.Join(root, "labels", repo+".tsv"))
	if err != nil {
		res.Err = err.Error()
		return res
	}
	res.Run, err = Lint(ctx, bin, filepath.Join(root, repo))
	if err != nil {
		res.Err = err.Error()
		return res
	}
	res.Score = Compare(labels, res.Run.Findings)
	return res
}

// Mutate runs a spec file's mutations on a hard-linked copy of its
// project under tmp: one run before, one per mutation, each mutation
// reverted before the next.
func Mutate(ctx context.Context, bin, root, tmp string, sf SpecFile) ([]Outcome, error) {
	src := sf.Repo
	if !filepath.IsAbs(src) {
		src = filepath.Join(root, src)
	}
	work, err := os.MkdirTemp(tmp, "mutate-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	copyDir := filepath.Join(work, filepath.Base(src))
	if err := LinkTree(src, copyDir); err != nil {
		return nil, fmt.Errorf("copying %s: %v", src, err)
	}
	before, err := Lint(ctx, bin, copyDir)
	if err != nil {
		return nil, err
	}
	var out []Outcome
	for _, m := range sf.Mutations {
		o := mutateOne(ctx, bin, copyDir, m, before)
		o.Repo = sf.Repo
		out = append(out, o)
	}
	return out, nil
}

func mutateOne(ctx context.Context, bin, dir string, m Mutation, before Run) Outcome {
	broken := func(err error) Outcome {
		o := Outcome{ID: m.ID, File: m.File, What: m.What, Status: Broken, Err: err.Error()}
		for _, x := range m.Expect {
			o.Expected = append(o.Expected, Loc{File: x.File, Line: x.Line, Rule: x.Rule})
		}
		return o
	}
	path, err := inside(dir, m.File)
	if err != nil {
		return broken(err)
	}
	orig, err := os.ReadFile(path)
	if err != nil {
		return broken(err)
	}
	edit, err := ApplyAll(orig, m)
	if err != nil {
		return broken(fmt.Errorf("%s: %v", m.File, err))
	}
	if err := ReplaceFile(dir, m.File, edit.Text); err != nil {
		return broken(err)
	}
	after, lintErr := Lint(ctx, bin, dir)
	if err := ReplaceFile(dir, m.File, orig); err != nil {
		return broken(fmt.Errorf("reverting %s: %v", m.File, err))
	}
	if lintErr != nil {
		return broken(lintErr)
	}
	return Judge(m, edit, before, after)
}
