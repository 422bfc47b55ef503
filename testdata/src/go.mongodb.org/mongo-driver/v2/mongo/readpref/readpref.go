// Package readpref is a hand-written stub in the shape of
// go.mongodb.org/mongo-driver/v2/mongo/readpref@v2.10.0 for connlint's
// analysistest, not the library.
package readpref

// ReadPref selects the servers a read may go to.
type ReadPref struct {
	mode int
}

func Primary() *ReadPref { return &ReadPref{mode: 1} }

// Option configures a ReadPref.
type Option func(*ReadPref) error

func Nearest(opts ...Option) *ReadPref { return &ReadPref{mode: 5} }
