// Package feature is a hand-written stub in the shape of
// github.com/uptrace/bun/dialect/feature@v1.3.0 for connlint's analysistest,
// not the library.
package feature

import "github.com/uptrace/bun/internal"

// Feature is a dialect capability.
type Feature = internal.Flag

const (
	CTE Feature = 1 << iota
	WithValues
	Returning
)
