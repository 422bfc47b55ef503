// Package dialect is a hand-written stub in the shape of
// github.com/uptrace/bun/dialect@v1.3.0 for connlint's analysistest, not the
// library.
package dialect

// Name names a database dialect.
type Name int

const (
	Invalid Name = iota
	PG
	SQLite
	MySQL
	MSSQL
	Oracle
)

func (n Name) String() string {
	switch n {
	case PG:
		return "pg"
	case SQLite:
		return "sqlite"
	case MySQL:
		return "mysql"
	case MSSQL:
		return "mssql"
	case Oracle:
		return "oracle"
	}
	return "invalid"
}
