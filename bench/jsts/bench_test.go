package jsts_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/analyzers/jsts"
	"github.com/connlint/connlint/bench/jsts/gen"
)

// The benchmarks run on a generated tree of realistic files (see gen):
//
//	go test -bench . -benchtime 3x ./bench/jsts/
//
// BareParse is tree-sitter alone; Engine is a normal run; NoPrefilter
// parses every file; All forces the scope table and rules on every file.
func tree(b *testing.B, n int) (string, int64) {
	dir := b.TempDir()
	bytes, err := gen.Tree(dir, n, 1)
	if err != nil {
		b.Fatal(err)
	}
	return dir, bytes
}

func report(b *testing.B, files int, bytes int64, el time.Duration) {
	per := el.Seconds() / float64(b.N)
	b.ReportMetric(float64(files)/per, "files/s")
	b.ReportMetric(float64(bytes)/1e6/per, "MB/s")
}

func BenchmarkBareParse(b *testing.B) {
	dir, _ := tree(b, 3000)
	files := jsts.Files([]string{dir}, jsts.Options{})
	b.ResetTimer()
	start := time.Now()
	var n int64
	for i := 0; i < b.N; i++ {
		n = jsts.BareParse(context.Background(), files, 0)
	}
	report(b, len(files), n, time.Since(start))
}

func benchRun(b *testing.B, opts jsts.Options) {
	dir, _ := tree(b, 3000)
	opts.WorkDir = dir
	opts.Config = config.Default(dir)
	b.ResetTimer()
	start := time.Now()
	var st jsts.Stats
	for i := 0; i < b.N; i++ {
		_, st = jsts.RunStats(context.Background(), []string{"./..."}, opts)
	}
	report(b, st.Files, st.Bytes, time.Since(start))
}

func BenchmarkEngine(b *testing.B)            { benchRun(b, jsts.Options{}) }
func BenchmarkEngineNoPrefilter(b *testing.B) { benchRun(b, jsts.Options{NoPrefilter: true}) }
func BenchmarkEngineAll(b *testing.B)         { benchRun(b, jsts.Options{ForceAll: true}) }

// BenchmarkMinified checks one generated minified bundle (gen.Minified)
// of each size: the cost must grow with the size, not with the number of
// same-named bindings. The 10 MB file is over the engine's per-file bound
// and is listed in the errors without being parsed; "10MB-unbounded"
// lifts the bound to show the cost of checking it anyway.
//
//	go test -bench Minified -benchtime 1x ./bench/jsts/
func BenchmarkMinified(b *testing.B) {
	for _, c := range []struct {
		name  string
		size  int
		bound int
	}{{"0.25MB", 250_000, 0}, {"1MB", 1_000_000, 0}, {"10MB", 10_000_000, 0}, {"10MB-unbounded", 10_000_000, -1}} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			src := gen.Minified(c.size, 1)
			if err := os.WriteFile(filepath.Join(dir, "bundle.js"), src, 0o644); err != nil {
				b.Fatal(err)
			}
			opts := jsts.Options{WorkDir: dir, Config: config.Default(dir), MaxFileBytes: c.bound}
			b.ResetTimer()
			start := time.Now()
			var res diag.Result
			for i := 0; i < b.N; i++ {
				res = jsts.Run(context.Background(), []string{"./..."}, opts)
			}
			report(b, 1, int64(len(src)), time.Since(start))
			b.ReportMetric(float64(len(res.Findings)), "findings")
			b.ReportMetric(float64(len(res.Errors)), "errors")
		})
	}
}
