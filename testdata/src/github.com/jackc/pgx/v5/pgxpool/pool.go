// Package pgxpool is a hand-written stub in the shape of
// github.com/jackc/pgx/v5/pgxpool@v5.12.0 for connlint's analysistest, not
// the library.
//
// Declarations keep the real names, signatures and receiver kinds. Bodies are
// trivial, except AcquireFunc, which releases its connection as the real one
// does (connlint's facts read it).
package pgxpool

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Pool is a connection pool, safe for concurrent use. Close it when done.
type Pool struct {
	config *Config
	closed bool
}

// ShouldPingParams are the arguments of Config.ShouldPing.
type ShouldPingParams struct {
	Conn         *pgx.Conn
	IdleDuration time.Duration
}

// Config is the configuration of a Pool; build it with ParseConfig.
type Config struct {
	ConnConfig *pgx.ConnConfig

	BeforeConnect func(context.Context, *pgx.ConnConfig) error
	AfterConnect  func(context.Context, *pgx.Conn) error
	BeforeAcquire func(context.Context, *pgx.Conn) bool
	PrepareConn   func(context.Context, *pgx.Conn) (bool, error)
	AfterRelease  func(*pgx.Conn) bool
	BeforeClose   func(*pgx.Conn)
	ShouldPing    func(context.Context, ShouldPingParams) bool

	MaxConnLifetime       time.Duration
	MaxConnLifetimeJitter time.Duration
	MaxConnIdleTime       time.Duration
	PingTimeout           time.Duration
	MaxConns              int32
	MinConns              int32
	MinIdleConns          int32
	HealthCheckPeriod     time.Duration

	createdByParseConfig bool
}

func (c *Config) Copy() *Config      { n := *c; return &n }
func (c *Config) ConnString() string { return c.ConnConfig.ConnString() }

// New creates a pool from a connection string.
func New(ctx context.Context, connString string) (*Pool, error) { return nil, nil }

// NewWithConfig creates a pool from a Config.
func NewWithConfig(ctx context.Context, config *Config) (*Pool, error) { return nil, nil }

// ParseConfig parses a connection string into a Config.
func ParseConfig(connString string) (*Config, error) { return &Config{}, nil }

func (p *Pool) Close() { p.closed = true }

// Acquire takes a connection from the pool. Release it when done.
func (p *Pool) Acquire(ctx context.Context) (c *Conn, err error) { return nil, nil }

// AcquireFunc acquires a connection, calls f with it and releases it.
func (p *Pool) AcquireFunc(ctx context.Context, f func(*Conn) error) error {
	conn, err := p.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	return f(conn)
}

func (p *Pool) AcquireAllIdle(ctx context.Context) []*Conn { return nil }
func (p *Pool) Reset()                                     {}
func (p *Pool) Config() *Config                            { return p.config.Copy() }
func (p *Pool) Stat() *Stat                                { return &Stat{} }

func (p *Pool) Exec(ctx context.Context, sql string, arguments ...any) (pgconn.CommandTag, error) {
	return pgconn.CommandTag{}, nil
}

func (p *Pool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) { return nil, nil }

func (p *Pool) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row { return nil }

func (p *Pool) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults { return nil }

func (p *Pool) Begin(ctx context.Context) (pgx.Tx, error) { return nil, nil }

func (p *Pool) BeginTx(ctx context.Context, txOptions pgx.TxOptions) (pgx.Tx, error) { return nil, nil }

func (p *Pool) CopyFrom(ctx context.Context, tableName pgx.Identifier, columnNames []string, rowSrc pgx.CopyFromSource) (int64, error) {
	return 0, nil
}

func (p *Pool) Ping(ctx context.Context) error { return nil }
