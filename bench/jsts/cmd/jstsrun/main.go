// Command jstsrun runs the TS/JS engine on paths and prints findings as
// JSON, with timing on stderr: a driver for benchmarks until the CLI
// wires jsts.Run in.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"strings"
	"time"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/diag"
	"github.com/connlint/connlint/analyzers/jsts"
)

func main() {
	noPre := flag.Bool("no-prefilter", false, "parse every file (measure the rules over bare parsing)")
	all := flag.Bool("all", false, "parse, index and run the rules on every file (no skipping at all)")
	workers := flag.Int("workers", 0, "workers (0: GOMAXPROCS)")
	quiet := flag.Bool("q", false, "print only the summary")
	prof := flag.String("cpuprofile", "", "write a CPU profile")
	memprof := flag.String("memprofile", "", "write an allocation profile")
	traceOut := flag.String("trace", "", "write an execution trace")
	bare := flag.Bool("bare", false, "only parse the files Run would check (tree-sitter baseline)")
	cfgPath := flag.String("config", "", "config file")
	repeat := flag.Int("repeat", 1, "run this many times (profiles of small trees)")
	mentioning := flag.Bool("mentioning", false, "list the files Run would check that name a catalog module (the files the rules run on)")
	maxBytes := flag.Int("max-bytes", 0, "the per-file size bound (0: the engine's 4 MB; -1: none)")
	imports := flag.String("imports", "", "list how imports resolve: all, or unresolved (the project's own specifiers that find nothing)")
	flag.Parse()
	wd, _ := os.Getwd()
	cfg, err := config.Discover(wd, *cfgPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if *prof != "" {
		pf, err := os.Create(*prof)
		if err == nil {
			_ = pprof.StartCPUProfile(pf)
			defer pprof.StopCPUProfile()
		}
	}
	if *traceOut != "" {
		tf, err := os.Create(*traceOut)
		if err == nil {
			_ = trace.Start(tf)
			defer trace.Stop()
		}
	}
	if *memprof != "" {
		runtime.MemProfileRate = 4096
		defer func() {
			if mf, err := os.Create(*memprof); err == nil {
				_ = pprof.Lookup("allocs").WriteTo(mf, 0)
				mf.Close()
			}
		}()
	}
	if *workers == 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	if *mentioning {
		var roots []string
		for _, a := range flag.Args() {
			roots = append(roots, strings.TrimSuffix(a, "/..."))
		}
		names := jsts.CatalogMentions(cfg)
		for _, f := range jsts.Files(roots, jsts.Options{Config: cfg}) {
			if src, err := os.ReadFile(f); err == nil && names(src) {
				fmt.Println(f)
			}
		}
		return
	}
	if *imports != "" {
		var roots []string
		for _, a := range flag.Args() {
			roots = append(roots, strings.TrimSuffix(a, "/..."))
		}
		kinds := map[string]int{}
		for _, im := range jsts.Imports(context.Background(), roots, jsts.Options{Config: cfg, WorkDir: wd}) {
			kinds[im.Kind]++
			if *imports == "all" || im.Kind == *imports {
				fmt.Printf("%s\t%s\t%s\t%s\n", im.Kind, im.File, im.Spec, im.Target)
			}
		}
		fmt.Fprintf(os.Stderr, "imports: %v\n", kinds)
		return
	}
	if *bare {
		var roots []string
		for _, a := range flag.Args() {
			roots = append(roots, strings.TrimSuffix(a, "/..."))
		}
		files := jsts.Files(roots, jsts.Options{Config: cfg})
		start := time.Now()
		n := jsts.BareParse(context.Background(), files, *workers)
		el := time.Since(start)
		fmt.Fprintf(os.Stderr, "bare parse: files=%d bytes=%d time=%s files/s=%.0f MB/s=%.1f\n",
			len(files), n, el, float64(len(files))/el.Seconds(), float64(n)/1e6/el.Seconds())
		return
	}
	start := time.Now()
	var res diag.Result
	var st jsts.Stats
	for i := 0; i < max(*repeat, 1); i++ {
		res, st = jsts.RunStats(context.Background(), flag.Args(), jsts.Options{Config: cfg, WorkDir: wd, Workers: *workers, NoPrefilter: *noPre, ForceAll: *all, MaxFileBytes: *maxBytes})
	}
	el := time.Since(start)
	if !*quiet {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(res)
	}
	fmt.Fprintf(os.Stderr, "files=%d parsed1=%d parsed2=%d skipped=%d bytes=%d findings=%d errors=%d time=%s files/s=%.0f MB/s=%.1f\n",
		st.Files, st.Parsed1, st.Parsed2, st.Skipped, st.Bytes, len(res.Findings), len(res.Errors), el,
		float64(st.Files)/el.Seconds(), float64(st.Bytes)/1e6/el.Seconds())
}
