// Package pgdialect is a hand-written stub in the shape of
// github.com/uptrace/bun/dialect/pgdialect@v1.3.0 for connlint's
// analysistest, not the library.
package pgdialect

import (
	"database/sql"

	"github.com/uptrace/bun/dialect"
	"github.com/uptrace/bun/dialect/feature"
	"github.com/uptrace/bun/schema"
)

// Dialect is bun's PostgreSQL dialect.
type Dialect struct {
	schema.BaseDialect

	tables   *schema.Tables
	features feature.Feature
}

var _ schema.Dialect = (*Dialect)(nil)

// DialectOption configures New.
type DialectOption func(d *Dialect)

func WithoutFeature(other feature.Feature) DialectOption {
	return func(d *Dialect) { d.features &^= other }
}

// New returns the PostgreSQL dialect.
func New(opts ...DialectOption) *Dialect {
	d := new(Dialect)
	d.tables = schema.NewTables(d)
	for _, opt := range opts {
		opt(d)
	}
	return d
}

func (d *Dialect) Init(*sql.DB)                                                     {}
func (d *Dialect) Name() dialect.Name                                               { return dialect.PG }
func (d *Dialect) Features() feature.Feature                                        { return d.features }
func (d *Dialect) Tables() *schema.Tables                                           { return d.tables }
func (d *Dialect) OnTable(table *schema.Table)                                      {}
func (d *Dialect) IdentQuote() byte                                                 { return '"' }
func (d *Dialect) AppendSequence(b []byte, _ *schema.Table, _ *schema.Field) []byte { return b }
func (d *Dialect) AppendUint32(b []byte, n uint32) []byte                           { return d.BaseDialect.AppendUint32(b, n) }
func (d *Dialect) AppendUint64(b []byte, n uint64) []byte                           { return d.BaseDialect.AppendUint64(b, n) }
func (d *Dialect) DefaultVarcharLen() int                                           { return 0 }
func (d *Dialect) DefaultSchema() string                                            { return "public" }
