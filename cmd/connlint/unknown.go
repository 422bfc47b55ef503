package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/connlint/connlint/internal/lint"
)

// explainUnknown adds, under an UnknownArgError, the command the argument
// most likely meant and where the commands are listed.
func explainUnknown(stderr io.Writer, err error) {
	var unknown *lint.UnknownArgError
	if !errors.As(err, &unknown) {
		return
	}
	if near := nearestCommand(unknown.Arg); near != "" {
		fmt.Fprintf(stderr, "connlint: did you mean `connlint %s`? `connlint help` lists the commands and flags\n", near)
		return
	}
	fmt.Fprintln(stderr, "connlint: `connlint help` lists the commands and flags")
}

// nearestCommand is the command at most two edits away from word, if one
// is.
func nearestCommand(word string) string {
	best, bestDist := "", 3
	for _, name := range append(sortedCommands(), "help") {
		if d := editDistance(word, name); d < bestDist {
			best, bestDist = name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of two short words.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
