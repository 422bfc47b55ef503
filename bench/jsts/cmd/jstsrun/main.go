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
	"time"

	"github.com/connlint/connlint/analyzers/config"
	"github.com/connlint/connlint/analyzers/jsts"
)

func main() {
	noPre := flag.Bool("no-prefilter", false, "parse every file (measure the rules over bare parsing)")
	workers := flag.Int("workers", 0, "workers (0: GOMAXPROCS)")
	quiet := flag.Bool("q", false, "print only the summary")
	cfgPath := flag.String("config", "", "config file")
	flag.Parse()
	wd, _ := os.Getwd()
	cfg, err := config.Discover(wd, *cfgPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	start := time.Now()
	res, st := jsts.RunStats(context.Background(), flag.Args(), jsts.Options{Config: cfg, WorkDir: wd, Workers: *workers, NoPrefilter: *noPre})
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
