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
	"strings"
	"time"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/jsts"
)

func main() {
	noPre := flag.Bool("no-prefilter", false, "parse every file (measure the rules over bare parsing)")
	all := flag.Bool("all", false, "parse, index and run the rules on every file (no skipping at all)")
	workers := flag.Int("workers", 0, "workers (0: GOMAXPROCS)")
	quiet := flag.Bool("q", false, "print only the summary")
	prof := flag.String("cpuprofile", "", "write a CPU profile")
	bare := flag.Bool("bare", false, "only parse the files Run would check (tree-sitter baseline)")
	cfgPath := flag.String("config", "", "config file")
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
	if *workers == 0 {
		*workers = runtime.GOMAXPROCS(0)
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
	res, st := jsts.RunStats(context.Background(), flag.Args(), jsts.Options{Config: cfg, WorkDir: wd, Workers: *workers, NoPrefilter: *noPre, ForceAll: *all})
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
