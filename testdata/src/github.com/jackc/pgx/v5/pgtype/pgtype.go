// Package pgtype is a hand-written stub in the shape of
// github.com/jackc/pgx/v5/pgtype@v5.12.0 for connlint's analysistest, not the
// library. Only the declarations that connlint's test code needs are present.
package pgtype

// Map is the registry of PostgreSQL types of a connection.
type Map struct {
	oidToType map[uint32]*Type
}

// NewMap returns a new Map.
func NewMap() *Map { return &Map{} }

// Type is one registered PostgreSQL type.
type Type struct {
	Name string
	OID  uint32
}
