// Command livecmd runs `connlint live` on its own, for benchmarks and for
// trying the checker before the main binary wires it in.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/connlint/connlint/live"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(live.Main(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
