package pgx

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
)

// ConnConfig is the configuration of a Conn; build it with ParseConfig.
type ConnConfig struct {
	pgconn.Config

	Tracer QueryTracer

	StatementCacheCapacity   int
	DescriptionCacheCapacity int
	DefaultQueryExecMode     QueryExecMode

	connString string
}

func (cc *ConnConfig) Copy() *ConnConfig  { c := *cc; return &c }
func (cc *ConnConfig) ConnString() string { return cc.connString }

// ParseConfigOptions controls how ParseConfigWithOptions parses.
type ParseConfigOptions struct {
	pgconn.ParseConfigOptions
}

// QueryTracer traces Query, QueryRow and Exec.
type QueryTracer interface {
	TraceQueryStart(ctx context.Context, conn *Conn, data TraceQueryStartData) context.Context
	TraceQueryEnd(ctx context.Context, conn *Conn, data TraceQueryEndData)
}

type TraceQueryStartData struct {
	SQL  string
	Args []any
}

type TraceQueryEndData struct {
	CommandTag pgconn.CommandTag
	Err        error
}

// QueryExecMode selects the protocol used for a query.
type QueryExecMode int32

const (
	_ QueryExecMode = iota
	QueryExecModeCacheStatement
	QueryExecModeCacheDescribe
	QueryExecModeDescribeExec
	QueryExecModeExec
	QueryExecModeSimpleProtocol
)

// QueryRewriter rewrites a query before it is sent.
type QueryRewriter interface {
	RewriteQuery(ctx context.Context, conn *Conn, sql string, args []any) (newSQL string, newArgs []any, err error)
}

// Identifier is a possibly qualified SQL identifier.
type Identifier []string

func (ident Identifier) Sanitize() string { return "" }

var (
	// ErrNoRows occurs when rows are expected but none are returned.
	ErrNoRows = errors.New("no rows in result set")
	// ErrTooManyRows occurs when more rows than expected are returned.
	ErrTooManyRows = errors.New("too many rows in result set")
)

// Conn is a single PostgreSQL connection. It is not safe for concurrent use.
type Conn struct {
	pgConn *pgconn.PgConn
	config *ConnConfig
}

// Connect opens a connection described by a connection string.
func Connect(ctx context.Context, connString string) (*Conn, error) { return nil, nil }

// ConnectWithOptions is Connect with parse options.
func ConnectWithOptions(ctx context.Context, connString string, options ParseConfigOptions) (*Conn, error) {
	return nil, nil
}

// ConnectConfig opens a connection described by a ConnConfig.
func ConnectConfig(ctx context.Context, connConfig *ConnConfig) (*Conn, error) { return nil, nil }

// ParseConfig parses a connection string into a ConnConfig.
func ParseConfig(connString string) (*ConnConfig, error) {
	return &ConnConfig{connString: connString}, nil
}

// ParseConfigWithOptions is ParseConfig with parse options.
func ParseConfigWithOptions(connString string, options ParseConfigOptions) (*ConnConfig, error) {
	return &ConnConfig{connString: connString}, nil
}

func (c *Conn) Close(ctx context.Context) error { return nil }

func (c *Conn) Prepare(ctx context.Context, name, sql string) (sd *pgconn.StatementDescription, err error) {
	return nil, nil
}

func (c *Conn) Deallocate(ctx context.Context, name string) error { return nil }
func (c *Conn) DeallocateAll(ctx context.Context) error           { return nil }

func (c *Conn) WaitForNotification(ctx context.Context) (*pgconn.Notification, error) {
	return nil, nil
}

func (c *Conn) IsClosed() bool                 { return false }
func (c *Conn) Ping(ctx context.Context) error { return nil }
func (c *Conn) PgConn() *pgconn.PgConn         { return c.pgConn }
func (c *Conn) TypeMap() *pgtype.Map           { return nil }
func (c *Conn) Config() *ConnConfig            { return c.config.Copy() }

func (c *Conn) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

func (c *Conn) Query(ctx context.Context, sql string, args ...any) (Rows, error) { return nil, nil }

func (c *Conn) QueryRow(ctx context.Context, sql string, args ...any) Row { return nil }

func (c *Conn) SendBatch(ctx context.Context, b *Batch) BatchResults { return nil }

func (c *Conn) CopyFrom(ctx context.Context, tableName Identifier, columnNames []string, rowSrc CopyFromSource) (int64, error) {
	return 0, nil
}

func (c *Conn) LoadType(ctx context.Context, typeName string) (*pgtype.Type, error) { return nil, nil }
