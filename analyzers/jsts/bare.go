package jsts

import (
	"context"
	"os"
	"sync/atomic"
)

// BareParse parses the files with the grammar of their extension and
// closes each tree, nothing more: the baseline the benchmarks compare the
// engine with. It returns the bytes read.
func BareParse(ctx context.Context, files []string, workers int) int64 {
	var total atomic.Int64
	parallel(ctx, max(workers, 1), files, func(w *worker, path string) {
		src, err := os.ReadFile(path)
		if err != nil {
			return
		}
		total.Add(int64(len(src)))
		lang, ok := languageOf(path)
		if !ok {
			return
		}
		ts, tsx, js := grammars()
		g := js
		switch lang {
		case "ts":
			g = ts
		case "tsx":
			g = tsx
		}
		p := w.parsers[g]
		if p == nil {
			p = newParser(g)
			w.parsers[g] = p
		}
		tree, err := p.ParseCtx(ctx, nil, src)
		if err != nil {
			p.Reset()
			return
		}
		tree.Close()
	})
	return total.Load()
}

// Files lists the files Run would check for roots (the walk alone).
func Files(roots []string, opts Options) []string {
	var out []string
	w := &walker{excluded: func(string) bool { return false }}
	if opts.Config != nil {
		w.excluded = opts.Config.IsExcluded
	}
	for _, r := range roots {
		_ = w.walk(r)
	}
	out = append(out, w.files...)
	return out
}
