package live

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/connlint/connlint/live/engine"
)

// TerminateReport is what terminate did on one target (--format json).
type TerminateReport struct {
	Target   string              `json:"target"`
	Engine   string              `json:"engine"`
	Execute  bool                `json:"execute"`
	Sessions []engine.Terminated `json:"sessions"`
	// Matched counts the sessions selected; Terminated those ended.
	Matched      int    `json:"matched"`
	Terminated   int    `json:"terminated"`
	Error        string `json:"error,omitempty"`
	ErrorKind    string `json:"error_kind,omitempty"`
	MissingGrant string `json:"missing_grant,omitempty"`
}

// terminateStates are the states --state takes (MySQL also Sleep).
var terminateStates = []string{engine.StateIdle, engine.StateIdleInTxn, engine.StateIdleInTxnAborted, "sleep", "Sleep"}

func terminateMain(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var (
		dsns                  stringList
		states                = stringList{split: true}
		dbs, users, apps      = stringList{split: true}, stringList{split: true}, stringList{split: true}
		idleOlder, timeout    time.Duration
		execute, includeSuper bool
		format                string
	)
	fs := flag.NewFlagSet("connlint live terminate", flag.ContinueOnError)
	fs.SetOutput(redactingWriter{stderr})
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: connlint live terminate --dsn URL --idle-older 10m [--state S] [--db D] [--user U] [--app A] [--include-superuser] [--execute]\n\nLists the client sessions it would terminate; --execute terminates them.\n\nflags:\n")
		fs.PrintDefaults()
	}
	fs.Var(&dsns, "dsn", "target URL (repeatable); postgres/postgresql or mysql")
	fs.DurationVar(&idleOlder, "idle-older", 0, "required: only sessions idle in their state at least this long")
	fs.Var(&states, "state", "only these states (default: idle, idle in transaction, idle in transaction (aborted))")
	fs.Var(&dbs, "db", "only sessions on these databases (comma-separated, repeatable)")
	fs.Var(&users, "user", "only sessions of these users")
	fs.Var(&apps, "app", "only sessions of these application names (MySQL: users)")
	fs.BoolVar(&includeSuper, "include-superuser", false, "also terminate superusers' sessions")
	fs.BoolVar(&execute, "execute", false, "terminate; without it terminate only lists (dry run)")
	fs.StringVar(&format, "format", "text", "output: text or json")
	fs.DurationVar(&timeout, "timeout", 10*time.Second, "connect and statement timeout")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUnknown
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "connlint live terminate: unexpected argument %q\n", engine.RedactDSN(fs.Arg(0)))
		return ExitUnknown
	}
	if idleOlder <= 0 {
		fmt.Fprintln(stderr, "connlint live terminate: --idle-older is required (for example --idle-older 10m)")
		return ExitUnknown
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "connlint live terminate: --format %q: want text or json\n", format)
		return ExitUnknown
	}
	if timeout <= 0 {
		fmt.Fprintf(stderr, "connlint live terminate: --timeout %s: want a duration above zero such as 10s\n", timeout)
		return ExitUnknown
	}
	for _, s := range states.vals {
		switch {
		case s == engine.StateActive:
			fmt.Fprintln(stderr, "connlint live terminate: --state active: terminate only ends idle sessions")
			return ExitUnknown
		case !slices.Contains(terminateStates, s):
			fmt.Fprintf(stderr, "connlint live terminate: --state %q: want %q, %q or %q (MySQL: sleep)\n", s, engine.StateIdle, engine.StateIdleInTxn, engine.StateIdleInTxnAborted)
			return ExitUnknown
		}
	}
	list := dsns.vals
	if len(list) == 0 {
		list = strings.Fields(os.Getenv("CONNLINT_DSN"))
	}
	if len(list) == 0 {
		fmt.Fprintln(stderr, "connlint live terminate: no target: give --dsn URL")
		return ExitUnknown
	}
	filter := engine.TerminateFilter{IdleOlder: idleOlder, States: states.vals, Databases: dbs.vals,
		Users: users.vals, Applications: apps.vals, IncludeSuperuser: includeSuper}
	ts := buildTargets(list, timeout)
	defer ts.close()

	code := ExitOK
	for i, t := range ts.list {
		rep := TerminateReport{Target: t.Name, Engine: kindOf(t.Scheme), Execute: execute, Sessions: []engine.Terminated{}}
		err := ts.errs[i]
		if err == nil {
			term, ok := t.Engine.(engine.Terminator)
			if !ok {
				err = engine.Errorf(engine.Config, "terminate is not supported for %s", t.Engine.Kind())
			} else {
				tctx, cancel := context.WithTimeout(ctx, timeout)
				var got []engine.Terminated
				got, err = term.Terminate(tctx, filter, execute)
				cancel()
				if got != nil {
					rep.Sessions = got
				}
			}
		}
		rep.Matched = len(rep.Sessions)
		for _, x := range rep.Sessions {
			if x.Done {
				rep.Terminated++
			}
		}
		if err != nil {
			rep.Error = t.scrub(err.Error())
			rep.ErrorKind = engine.KindOf(err).String()
			var ee *engine.Error
			if errors.As(err, &ee) {
				rep.MissingGrant = ee.Grant
			}
			if engine.KindOf(err) == engine.Exhausted {
				code = int(Worse(Status(code), Critical))
			} else {
				code = int(Worse(Status(code), Unknown))
			}
		}
		if format == "json" {
			b, _ := json.Marshal(rep)
			fmt.Fprintf(stdout, "%s\n", b)
			continue
		}
		writeTerminateText(stdout, rep, idleOlder)
	}
	return code
}

// writeTerminateText says what terminate did: the header counts what
// matched and what was ended, and a run that could not look at the server
// (bad DSN, unreachable, not supported) says only why.
func writeTerminateText(w io.Writer, rep TerminateReport, idleOlder time.Duration) {
	if rep.Error != "" && rep.Matched == 0 {
		fmt.Fprintf(w, "%s: %s\n", rep.Target, rep.Error)
		return
	}
	switch n := rep.Matched - rep.Terminated; {
	case !rep.Execute:
		fmt.Fprintf(w, "%s: dry run, would terminate %d client sessions idle at least %s (run again with --execute to terminate them)\n", rep.Target, rep.Matched, idleOlder)
	case n == 0:
		fmt.Fprintf(w, "%s: terminated %d of %d matching client sessions idle at least %s\n", rep.Target, rep.Terminated, rep.Matched, idleOlder)
	case rep.Terminated == 0:
		fmt.Fprintf(w, "%s: %d client sessions idle at least %s matched; none could be terminated\n", rep.Target, rep.Matched, idleOlder)
	default:
		fmt.Fprintf(w, "%s: terminated %d of %d matching client sessions idle at least %s; %d could not be\n", rep.Target, rep.Terminated, rep.Matched, idleOlder, n)
	}
	if len(rep.Sessions) > 0 {
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  PID\tUSER\tAPPLICATION\tDATABASE\tCLIENT\tSTATE\tIDLE\tRESULT")
		for _, s := range rep.Sessions {
			res := "would terminate"
			if rep.Execute {
				res = "terminated"
				if !s.Done {
					res = "not terminated: " + s.Reason
				}
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.PID, orDash(s.User), orDash(s.Application), orDash(s.Database), orDash(s.Client), s.State, Age(s.Seconds), res)
		}
		tw.Flush()
	}
	if rep.Error != "" {
		fmt.Fprintf(w, "  error: %s\n", rep.Error)
	}
}
