// Package postgres is a hand-written stub in the shape of
// gorm.io/driver/postgres@v1.6.3 for connlint's analysistest, not the
// library. Config omits OptionOpenDB (it needs pgx's stdlib package).
package postgres

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
	"gorm.io/gorm/schema"
)

// Config configures the postgres dialector.
type Config struct {
	DriverName           string
	DSN                  string
	WithoutQuotingCheck  bool
	PreferSimpleProtocol bool
	WithoutReturning     bool
	Conn                 gorm.ConnPool
}

// Dialector is gorm's PostgreSQL dialector.
type Dialector struct {
	*Config
}

// Open returns a dialector for dsn.
func Open(dsn string) gorm.Dialector { return &Dialector{&Config{DSN: dsn}} }

// New returns a dialector for config.
func New(config Config) gorm.Dialector { return &Dialector{Config: &config} }

func (dialector Dialector) Name() string                          { return "postgres" }
func (dialector Dialector) Apply(config *gorm.Config) error       { return nil }
func (dialector Dialector) Initialize(db *gorm.DB) (err error)    { return nil }
func (dialector Dialector) Migrator(db *gorm.DB) gorm.Migrator    { return nil }
func (dialector Dialector) DataTypeOf(field *schema.Field) string { return "" }

func (dialector Dialector) DefaultValueOf(field *schema.Field) clause.Expression {
	return clause.Expr{SQL: "DEFAULT"}
}

func (dialector Dialector) BindVarTo(writer clause.Writer, stmt *gorm.Statement, v interface{}) {}
func (dialector Dialector) QuoteTo(writer clause.Writer, str string)                            {}
func (dialector Dialector) Explain(sql string, vars ...interface{}) string                      { return sql }
func (dialector Dialector) SavePoint(tx *gorm.DB, name string) error                            { return nil }
func (dialector Dialector) RollbackTo(tx *gorm.DB, name string) error                           { return nil }
func (dialector Dialector) Translate(err error) error                                           { return err }
