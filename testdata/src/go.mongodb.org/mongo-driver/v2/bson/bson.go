// Package bson is a hand-written stub in the shape of
// go.mongodb.org/mongo-driver/v2/bson@v2.10.0 for connlint's analysistest,
// not the library.
package bson

// E is one element of a D.
type E struct {
	Key   string
	Value any
}

// D is an ordered BSON document.
type D []E

// M is an unordered BSON document.
type M map[string]any

// A is a BSON array.
type A []any

// Raw is a raw BSON document.
type Raw []byte

// ObjectID is a BSON ObjectId.
type ObjectID [12]byte

// NilObjectID is the zero ObjectID.
var NilObjectID ObjectID

func NewObjectID() ObjectID                      { return ObjectID{} }
func (id ObjectID) Hex() string                  { return "" }
func (id ObjectID) IsZero() bool                 { return id == NilObjectID }
func ObjectIDFromHex(s string) (ObjectID, error) { return ObjectID{}, nil }

// Timestamp is a BSON timestamp.
type Timestamp struct {
	T uint32
	I uint32
}

func Marshal(val any) ([]byte, error)      { return nil, nil }
func Unmarshal(data []byte, val any) error { return nil }
