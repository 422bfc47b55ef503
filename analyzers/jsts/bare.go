package jsts

import (
	"context"
	"os"
	"runtime"
	"sync/atomic"

	"github.com/connlint/connlint/analyzers/config"
)

// BareParse parses the files with the grammar of their extension and
// closes each tree, nothing more: the baseline the benchmarks compare the
// engine with. It returns the bytes read. workers 0 means GOMAXPROCS, as
// in Run, so that both sides of a comparison use the same cores.
func BareParse(ctx context.Context, files []string, workers int) int64 {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var total atomic.Int64
	parallel(ctx, workers, -1, files, func(w *worker, path string) {
		src, err := os.ReadFile(path)
		if err != nil {
			return
		}
		total.Add(int64(len(src)))
		lang, ok := languageOf(path)
		if !ok {
			return
		}
		g, _ := grammarOf(lang)
		tree, err := w.parser(g).parse(ctx, src)
		if err != nil {
			return
		}
		tree.close()
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

// CatalogMentions returns the prefilter's first test: whether a file's
// text names a catalog module in a string literal (benchmarks pick the
// files the rules really run on with it).
func CatalogMentions(cfg *config.Config) func(src []byte) bool {
	return newJSCatalog(cfg.Catalog()).mentions
}
