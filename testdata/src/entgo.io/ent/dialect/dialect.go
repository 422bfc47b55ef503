// Package dialect is a hand-written stub in the shape of
// entgo.io/ent/dialect@v0.14.5 for connlint's analysistest, not the library.
package dialect

import (
	"context"
	"database/sql/driver"
	"log"
)

// Dialect names.
const (
	MySQL    = "mysql"
	SQLite   = "sqlite3"
	Postgres = "postgres"
	Gremlin  = "gremlin"
)

// ExecQuerier runs statements.
type ExecQuerier interface {
	Exec(ctx context.Context, query string, args, v any) error
	Query(ctx context.Context, query string, args, v any) error
}

// Driver is what an ent client talks to; it owns the database handle.
type Driver interface {
	ExecQuerier
	Tx(context.Context) (Tx, error)
	Close() error
	Dialect() string
}

// Tx is a transaction of a Driver.
type Tx interface {
	ExecQuerier
	driver.Tx
}

// DebugDriver logs every operation of the Driver it wraps.
type DebugDriver struct {
	Driver
	log func(context.Context, ...any)
}

func (d *DebugDriver) Exec(ctx context.Context, query string, args, v any) error {
	d.log(ctx, "driver.Exec: query="+query)
	return d.Driver.Exec(ctx, query, args, v)
}

func (d *DebugDriver) Query(ctx context.Context, query string, args, v any) error {
	d.log(ctx, "driver.Query: query="+query)
	return d.Driver.Query(ctx, query, args, v)
}

func (d *DebugDriver) Tx(ctx context.Context) (Tx, error) { return d.Driver.Tx(ctx) }

// Debug wraps d in a DebugDriver.
func Debug(d Driver, logger ...func(...any)) Driver {
	logf := log.Println
	if len(logger) == 1 {
		logf = logger[0]
	}
	return &DebugDriver{d, func(_ context.Context, v ...any) { logf(v...) }}
}
