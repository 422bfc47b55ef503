// Package schema is a hand-written stub in the shape of
// github.com/uptrace/bun/schema@v1.3.0 for connlint's analysistest, not the
// library.
package schema

import (
	"database/sql"
	"strconv"
	"time"

	"github.com/uptrace/bun/dialect"
	"github.com/uptrace/bun/dialect/feature"
)

// Dialect is a SQL dialect.
type Dialect interface {
	Init(db *sql.DB)

	Name() dialect.Name
	Features() feature.Feature

	Tables() *Tables
	OnTable(table *Table)

	IdentQuote() byte

	AppendUint32(b []byte, n uint32) []byte
	AppendUint64(b []byte, n uint64) []byte
	AppendTime(b []byte, tm time.Time) []byte
	AppendString(b []byte, s string) []byte
	AppendBytes(b []byte, bs []byte) []byte
	AppendJSON(b, jsonb []byte) []byte
	AppendBool(b []byte, v bool) []byte

	AppendSequence(b []byte, t *Table, f *Field) []byte

	DefaultVarcharLen() int
	DefaultSchema() string
}

// BaseDialect implements the Append methods shared by dialects.
type BaseDialect struct{}

func (BaseDialect) AppendUint32(b []byte, n uint32) []byte {
	return strconv.AppendUint(b, uint64(n), 10)
}
func (BaseDialect) AppendUint64(b []byte, n uint64) []byte   { return strconv.AppendUint(b, n, 10) }
func (BaseDialect) AppendTime(b []byte, tm time.Time) []byte { return b }
func (BaseDialect) AppendString(b []byte, s string) []byte   { return append(b, s...) }
func (BaseDialect) AppendBytes(b []byte, bs []byte) []byte   { return append(b, bs...) }
func (BaseDialect) AppendJSON(b, jsonb []byte) []byte        { return append(b, jsonb...) }
func (BaseDialect) AppendBool(b []byte, v bool) []byte       { return strconv.AppendBool(b, v) }

// Tables caches the tables of a dialect.
type Tables struct {
	dialect Dialect
}

// NewTables returns the table cache of dialect.
func NewTables(dialect Dialect) *Tables { return &Tables{dialect: dialect} }

// Table describes a model's table.
type Table struct {
	Name   string
	Fields []*Field
}

// Field describes a model's column.
type Field struct {
	Name    string
	SQLName Safe
}

// Safe is SQL text that is not quoted.
type Safe string
