// Package stdlib is a hand-written stub in the shape of
// github.com/jackc/pgx/v5/stdlib@v5.12.0 for connlint's analysistest, not
// the library. It registers no driver; OpenDB and OpenDBFromPool build their
// *sql.DB with sql.OpenDB, as the real ones do.
package stdlib

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// OptionOpenDB configures OpenDB and OpenDBFromPool.
type OptionOpenDB func(*connector)

func OptionBeforeConnect(bc func(context.Context, *pgx.ConnConfig) error) OptionOpenDB {
	return func(c *connector) { c.beforeConnect = bc }
}

func OptionAfterConnect(ac func(context.Context, *pgx.Conn) error) OptionOpenDB {
	return func(c *connector) { c.afterConnect = ac }
}

type connector struct {
	config        pgx.ConnConfig
	pool          *pgxpool.Pool
	beforeConnect func(context.Context, *pgx.ConnConfig) error
	afterConnect  func(context.Context, *pgx.Conn) error
}

func (c connector) Connect(ctx context.Context) (driver.Conn, error) { return nil, nil }
func (c connector) Driver() driver.Driver                            { return &Driver{} }

// GetConnector returns a driver.Connector for config.
func GetConnector(config pgx.ConnConfig, opts ...OptionOpenDB) driver.Connector {
	c := connector{config: config}
	for _, opt := range opts {
		opt(&c)
	}
	return c
}

// GetPoolConnector returns a driver.Connector over pool.
func GetPoolConnector(pool *pgxpool.Pool, opts ...OptionOpenDB) driver.Connector {
	c := connector{pool: pool}
	for _, opt := range opts {
		opt(&c)
	}
	return c
}

// OpenDB returns a *sql.DB that connects with config.
func OpenDB(config pgx.ConnConfig, opts ...OptionOpenDB) *sql.DB {
	return sql.OpenDB(GetConnector(config, opts...))
}

// OpenDBFromPool returns a *sql.DB over pool.
func OpenDBFromPool(pool *pgxpool.Pool, opts ...OptionOpenDB) *sql.DB {
	db := sql.OpenDB(GetPoolConnector(pool, opts...))
	db.SetMaxIdleConns(0)
	return db
}

// GetDefaultDriver returns the driver registered as "pgx".
func GetDefaultDriver() driver.Driver { return &Driver{} }

// Driver is pgx's database/sql driver.
type Driver struct{}

func (d *Driver) Open(name string) (driver.Conn, error) { return nil, nil }

func (d *Driver) OpenConnector(name string) (driver.Connector, error) { return connector{}, nil }
