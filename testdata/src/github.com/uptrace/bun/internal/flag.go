// Package internal is a hand-written stub in the shape of
// github.com/uptrace/bun/internal@v1.3.0 for connlint's analysistest, not
// the library.
package internal

// Flag is a bit set.
type Flag uint64

func (flag Flag) Has(other Flag) bool { return flag&other != 0 }
