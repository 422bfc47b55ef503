// Package gorm is a hand-written stub in the shape of gorm.io/gorm@v1.31.2
// for connlint's analysistest, not the library.
//
// DB, Config, Option, Dialector, ConnPool, Statement and Session keep the
// real shapes (DB embeds *Config, which embeds Dialector). Migrator is reduced
// to a few methods. Bodies are trivial.
package gorm

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm/clause"
	"gorm.io/gorm/logger"
	"gorm.io/gorm/schema"
)

var (
	ErrRecordNotFound     = errors.New("record not found")
	ErrInvalidTransaction = errors.New("invalid transaction")
)

// Config is gorm's configuration; it is also an Option.
type Config struct {
	SkipDefaultTransaction                   bool
	DefaultTransactionTimeout                time.Duration
	DefaultContextTimeout                    time.Duration
	NamingStrategy                           schema.Namer
	FullSaveAssociations                     bool
	Logger                                   logger.Interface
	NowFunc                                  func() time.Time
	DryRun                                   bool
	PrepareStmt                              bool
	PrepareStmtMaxSize                       int
	PrepareStmtTTL                           time.Duration
	DisableAutomaticPing                     bool
	DisableForeignKeyConstraintWhenMigrating bool
	IgnoreRelationshipsWhenMigrating         bool
	DisableNestedTransaction                 bool
	AllowGlobalUpdate                        bool
	QueryFields                              bool
	CreateBatchSize                          int
	TranslateError                           bool
	PropagateUnscoped                        bool
	ClauseBuilders                           map[string]clause.ClauseBuilder
	ConnPool                                 ConnPool
	Dialector
	Plugins map[string]Plugin
}

func (c *Config) Apply(config *Config) error   { return nil }
func (c *Config) AfterInitialize(db *DB) error { return nil }

// Option configures Open.
type Option interface {
	Apply(*Config) error
	AfterInitialize(*DB) error
}

// Plugin extends gorm.
type Plugin interface {
	Name() string
	Initialize(*DB) error
}

// Dialector is a database driver for gorm.
type Dialector interface {
	Name() string
	Initialize(*DB) error
	Migrator(db *DB) Migrator
	DataTypeOf(*schema.Field) string
	DefaultValueOf(*schema.Field) clause.Expression
	BindVarTo(writer clause.Writer, stmt *Statement, v interface{})
	QuoteTo(clause.Writer, string)
	Explain(sql string, vars ...interface{}) string
}

// ConnPool is what gorm runs statements on (*sql.DB, *sql.Tx, *sql.Conn).
type ConnPool interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	ExecContext(ctx context.Context, query string, args ...interface{}) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...interface{}) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...interface{}) *sql.Row
}

// Migrator migrates schemas (reduced to a few of the real methods).
type Migrator interface {
	AutoMigrate(dst ...interface{}) error
	CurrentDatabase() string
	CreateTable(dst ...interface{}) error
	DropTable(dst ...interface{}) error
	HasTable(dst interface{}) bool
	AddColumn(dst interface{}, field string) error
	DropColumn(dst interface{}, field string) error
	HasColumn(dst interface{}, field string) bool
	CreateIndex(dst interface{}, name string) error
	DropIndex(dst interface{}, name string) error
	HasIndex(dst interface{}, name string) bool
}

// DB is a gorm session; it owns a connection pool (reach it with DB()).
type DB struct {
	*Config
	Error        error
	RowsAffected int64
	Statement    *Statement
	clone        int
}

// Statement is the statement being built.
type Statement struct {
	*DB
	TableExpr *clause.Expr
	Table     string
	Model     interface{}
	Unscoped  bool
	Dest      interface{}
	Clauses   map[string]clause.Clause
	Selects   []string
	Omits     []string
	Joins     []join
	ConnPool  ConnPool
	Schema    *schema.Schema
	Context   context.Context
	SQL       strings.Builder
	Vars      []interface{}
}

type join struct {
	Name string
}

// QuoteTo writes field quoted for the dialect.
func (stmt *Statement) QuoteTo(writer clause.Writer, field interface{}) {}

// Session configures a new session.
type Session struct {
	DryRun                   bool
	PrepareStmt              bool
	NewDB                    bool
	Initialized              bool
	SkipHooks                bool
	SkipDefaultTransaction   bool
	DisableNestedTransaction bool
	AllowGlobalUpdate        bool
	FullSaveAssociations     bool
	PropagateUnscoped        bool
	QueryFields              bool
	Context                  context.Context
	Logger                   logger.Interface
	NowFunc                  func() time.Time
	CreateBatchSize          int
}

// Open opens a DB with dialector.
func Open(dialector Dialector, opts ...Option) (db *DB, err error) { return nil, nil }

func (db *DB) Session(config *Session) *DB          { return db }
func (db *DB) WithContext(ctx context.Context) *DB  { return db }
func (db *DB) Debug() (tx *DB)                      { return db }
func (db *DB) DB() (*sql.DB, error)                 { return nil, nil }
func (db *DB) AddError(err error) error             { return err }
func (db *DB) AutoMigrate(dst ...interface{}) error { return nil }
func (db *DB) Migrator() Migrator                   { return nil }

func (db *DB) Model(value interface{}) (tx *DB)                        { return db }
func (db *DB) Table(name string, args ...interface{}) (tx *DB)         { return db }
func (db *DB) Select(query interface{}, args ...interface{}) (tx *DB)  { return db }
func (db *DB) Where(query interface{}, args ...interface{}) (tx *DB)   { return db }
func (db *DB) Joins(query string, args ...interface{}) (tx *DB)        { return db }
func (db *DB) Order(value interface{}) (tx *DB)                        { return db }
func (db *DB) Limit(limit int) (tx *DB)                                { return db }
func (db *DB) Offset(offset int) (tx *DB)                              { return db }
func (db *DB) Preload(query string, args ...interface{}) (tx *DB)      { return db }
func (db *DB) Raw(sql string, values ...interface{}) (tx *DB)          { return db }
func (db *DB) Create(value interface{}) (tx *DB)                       { return db }
func (db *DB) Save(value interface{}) (tx *DB)                         { return db }
func (db *DB) First(dest interface{}, conds ...interface{}) (tx *DB)   { return db }
func (db *DB) Take(dest interface{}, conds ...interface{}) (tx *DB)    { return db }
func (db *DB) Last(dest interface{}, conds ...interface{}) (tx *DB)    { return db }
func (db *DB) Find(dest interface{}, conds ...interface{}) (tx *DB)    { return db }
func (db *DB) Update(column string, value interface{}) (tx *DB)        { return db }
func (db *DB) Updates(values interface{}) (tx *DB)                     { return db }
func (db *DB) Delete(value interface{}, conds ...interface{}) (tx *DB) { return db }
func (db *DB) Count(count *int64) (tx *DB)                             { return db }
func (db *DB) Row() *sql.Row                                           { return nil }
func (db *DB) Rows() (*sql.Rows, error)                                { return nil, nil }
func (db *DB) Scan(dest interface{}) (tx *DB)                          { return db }
func (db *DB) Pluck(column string, dest interface{}) (tx *DB)          { return db }
func (db *DB) Exec(sql string, values ...interface{}) (tx *DB)         { return db }

// Connection runs fc on one connection and returns it to the pool.
func (db *DB) Connection(fc func(tx *DB) error) (err error) { return fc(db) }

// Transaction runs fc in a transaction, committing on success and rolling
// back otherwise.
func (db *DB) Transaction(fc func(tx *DB) error, opts ...*sql.TxOptions) (err error) {
	tx := db.Begin(opts...)
	if tx.Error != nil {
		return tx.Error
	}
	if err = fc(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit().Error
}

func (db *DB) Begin(opts ...*sql.TxOptions) *DB { return db }
func (db *DB) Commit() *DB                      { return db }
func (db *DB) Rollback() *DB                    { return db }
func (db *DB) SavePoint(name string) *DB        { return db }
func (db *DB) RollbackTo(name string) *DB       { return db }
