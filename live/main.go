// Package live is the runtime half of connlint: it connects to running
// PostgreSQL, MySQL/MariaDB, PgBouncer and Redis servers and checks their
// connection counts against capacity, thresholds and per-application budgets.
package live

import (
	"context"
	"fmt"
	"io"
)

// Exit codes follow the Nagios plugin convention.
const (
	ExitOK       = 0
	ExitWarning  = 1
	ExitCritical = 2
	ExitUnknown  = 3
)

// Main runs `connlint live ...`. args are the arguments after "live"
// (so args[0] may be "terminate"). It returns the process exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	_ = ctx
	_ = args
	_ = stdout
	fmt.Fprintln(stderr, "connlint live: not implemented yet")
	return ExitUnknown
}
