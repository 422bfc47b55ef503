// Package bson is a hand-written stub in the shape of
// go.mongodb.org/mongo-driver/bson@v1.17.10 for connlint's analysistest, not
// the library.
package bson

import "go.mongodb.org/mongo-driver/bson/primitive"

type (
	D = primitive.D
	E = primitive.E
	M = primitive.M
	A = primitive.A
)

// Raw is a raw BSON document.
type Raw []byte

func Marshal(val interface{}) ([]byte, error)      { return nil, nil }
func Unmarshal(data []byte, val interface{}) error { return nil }
