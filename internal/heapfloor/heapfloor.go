// Package heapfloor keeps the garbage collector idle until the heap
// reaches a floor, then hands pacing back to GOGC.
//
// A Go process starts with a 4 MB heap goal, so a run that allocates a few
// hundred megabytes of syntax trees and types collects dozens of times while
// its heap is small: a third of the CPU of checking a small module went to
// the collector. The Go compiler solves the same problem the same way
// (cmd/compile raises its starting heap goal). Here:
//
//   - until the heap reaches the floor, only a memory limit at the floor
//     can start a collection;
//   - the first collection puts back GOGC's proportional pacing and removes
//     the limit, so a large run's peak is what it was: at least the floor,
//     otherwise twice its live heap, as before.
//
// GOGC or GOMEMLIMIT in the environment is the user's choice and wins.
package heapfloor

import (
	"os"
	"runtime"
	"runtime/debug"
)

// Default is the floor connlint uses: small next to the memory of any
// machine that builds Go, large enough that checking a module of a few
// hundred packages collects a handful of times instead of dozens.
const Default = 256 << 20

// Set defers the first collection until the heap is about floor bytes, and
// reports whether it did (false when GOGC or GOMEMLIMIT is set).
func Set(floor int64) bool {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return false
	}
	percent := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(floor)
	// The sentinel is unreachable from the start: the first collection,
	// whatever starts it, queues its cleanup.
	sentinel := new([64]byte)
	runtime.AddCleanup(sentinel, func(struct{}) {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}, struct{}{})
	return true
}
