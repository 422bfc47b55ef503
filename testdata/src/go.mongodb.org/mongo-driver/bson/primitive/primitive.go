// Package primitive is a hand-written stub in the shape of
// go.mongodb.org/mongo-driver/bson/primitive@v1.17.10 for connlint's
// analysistest, not the library.
package primitive

// E is one element of a D.
type E struct {
	Key   string
	Value interface{}
}

// D is an ordered BSON document.
type D []E

// M is an unordered BSON document.
type M map[string]interface{}

// A is a BSON array.
type A []interface{}

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
