// Package pgdriver is a hand-written stub in the shape of
// github.com/uptrace/bun/driver/pgdriver@v1.2.18 (the newest version the
// module proxy serves) for connlint's analysistest, not the library.
package pgdriver

import (
	"context"
	"database/sql/driver"
)

// Config configures a Connector.
type Config struct {
	Addr     string
	User     string
	Password string
	Database string
	AppName  string
}

// Option configures a Connector.
type Option func(conf *Config)

// WithDSN parses a postgres:// DSN into the config.
func WithDSN(dsn string) Option { return func(conf *Config) {} }

// Connector opens PostgreSQL connections for database/sql (sql.OpenDB).
type Connector struct {
	cfg *Config
}

func NewConnector(opts ...Option) *Connector {
	c := &Connector{cfg: &Config{}}
	for _, opt := range opts {
		opt(c.cfg)
	}
	return c
}

func (c *Connector) Connect(ctx context.Context) (driver.Conn, error) { return nil, nil }
func (c *Connector) Driver() driver.Driver                            { return nil }
func (c *Connector) Config() *Config                                  { return c.cfg }

var _ driver.Connector = (*Connector)(nil)
