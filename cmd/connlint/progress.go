package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"sync"
	"time"
)

// isTerminal reports whether w is a character device (a terminal), where
// a redrawn progress line is welcome; pipes and files get none.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progressLine returns a callback that redraws "stage done/total" on w at
// most ten times a second, or nil when w is no terminal or quiet is set.
func progressLine(w io.Writer, quiet bool) func(stage string, done, total int) {
	if quiet || !isTerminal(w) {
		return nil
	}
	var mu sync.Mutex
	var last time.Time
	return func(stage string, done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(w, "\r\033[Kconnlint: %s %d/%d", stage, done, total)
	}
}

// clearProgress erases the progress line before results are printed.
func clearProgress(w io.Writer, quiet bool) {
	if !quiet && isTerminal(w) {
		fmt.Fprint(w, "\r\033[K")
	}
}

func sortedCommands() []string {
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
