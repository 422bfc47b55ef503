// Package clause is a hand-written stub in the shape of
// gorm.io/gorm/clause@v1.31.2 for connlint's analysistest, not the library.
package clause

// Writer receives the SQL text being built.
type Writer interface {
	WriteByte(byte) error
	WriteString(string) (int, error)
}

// Builder builds SQL.
type Builder interface {
	Writer
	WriteQuoted(field interface{})
	AddVar(Writer, ...interface{})
	AddError(error) error
}

// Expression is an SQL expression.
type Expression interface {
	Build(builder Builder)
}

// Expr is a raw SQL expression with variables.
type Expr struct {
	SQL                string
	Vars               []interface{}
	WithoutParentheses bool
}

func (expr Expr) Build(builder Builder) {}

// Clause is one clause of a statement.
type Clause struct {
	Name       string
	Expression Expression
}

// ClauseBuilder builds a clause.
type ClauseBuilder func(Clause, Builder)
