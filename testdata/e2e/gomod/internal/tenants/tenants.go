// Package tenants provisions a database per tenant: one-shot admin
// connections, a migrator pinning a connection, tenant pools, listeners.
package tenants

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"example.com/shop/internal/db"
)

// CreateDatabase connects as the admin, creates the database and closes the
// connection: a builder of a short-lived client, fine when it runs once.
func CreateDatabase(ctx context.Context, adminDSN, name string) error {
	conn, err := pgx.Connect(ctx, adminDSN)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

// Bootstrap creates the default tenant's database once, at startup.
func Bootstrap(ctx context.Context, adminDSN string) error {
	return CreateDatabase(ctx, adminDSN, "shop_default")
}

// ProvisionAll opens an admin connection per tenant.
func ProvisionAll(ctx context.Context, adminDSN string, names []string) error {
	for _, n := range names {
		if err := CreateDatabase(ctx, adminDSN, n); err != nil { // want-e2e: singleton
			return err
		}
	}
	return nil
}

// WaitReady waits for a tenant database at startup. It runs once, but its
// deferred Close waits for the function to return: every failed ping keeps
// a connection open meanwhile.
func WaitReady(ctx context.Context, dsn string) error {
	for range 30 {
		conn, err := pgx.Connect(ctx, dsn) // want-e2e: release
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		defer conn.Close(ctx)
		if err := conn.Ping(ctx); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return errors.New("tenants: database not ready")
}

// Migrator pins a connection for its migration locks.
type Migrator struct{ conn *sql.Conn }

func (m *Migrator) ensureTable(ctx context.Context) error {
	_, err := m.conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version bigint)`)
	return err
}

// Close gives the pinned connection back.
func (m *Migrator) Close() error { return m.conn.Close() }

// NewMigrator drops the migrator, and the pinned connection with it, when
// the table cannot be created.
func NewMigrator(ctx context.Context) (*Migrator, error) {
	conn, err := db.SQL.Conn(ctx) // want-e2e: release
	if err != nil {
		return nil, err
	}
	m := &Migrator{conn: conn}
	if err := m.ensureTable(ctx); err != nil {
		return nil, err
	}
	return m, nil
}

// NewMigratorClosed closes the migrator on the failure.
func NewMigratorClosed(ctx context.Context) (*Migrator, error) {
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return nil, err
	}
	m := &Migrator{conn: conn}
	if err := m.ensureTable(ctx); err != nil {
		m.Close()
		return nil, err
	}
	return m, nil
}

// Pool is a tenant's own pool, or the caller's.
type Pool struct{ pool *pgxpool.Pool }

// OpenPool builds a second pgxpool beside db's (rule 3) and, through the
// copy in pool, drops it when the ping fails (release): two problems on
// one line, both reported.
func OpenPool(ctx context.Context, dsn string, custom *pgxpool.Pool) (*Pool, error) {
	var pool *pgxpool.Pool
	if custom != nil {
		pool = custom
	} else {
		newPool, err := pgxpool.New(ctx, dsn) // want-e2e: singleton // want-e2e: release
		if err != nil {
			return nil, err
		}
		pool = newPool
	}
	if err := pool.Ping(ctx); err != nil {
		return nil, err
	}
	return &Pool{pool: pool}, nil
}

// Lock pins a pool connection for an advisory lock; its cleanup runs only
// when locking fails, so a successful lock never gives the connection back.
func Lock(ctx context.Context, pool *pgxpool.Pool, key int64) error {
	conn, err := pool.Acquire(ctx) // want-e2e: release
	if err != nil {
		return err
	}
	cleanup := func() { conn.Release() }
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		cleanup()
		return err
	}
	return nil
}

// Listener keeps a connection hijacked from the pool for LISTEN.
type Listener struct{ conn *pgx.Conn }

// Connect takes the connection out of the pool: it needs no Release, and
// the listener owns the *pgx.Conn.
func (l *Listener) Connect(ctx context.Context, pool *pgxpool.Pool) error {
	poolConn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	if _, err := poolConn.Exec(ctx, `SET application_name = 'tenants-listener'`); err != nil {
		poolConn.Release()
		return err
	}
	l.conn = poolConn.Hijack()
	return nil
}

// Close closes the hijacked connection.
func (l *Listener) Close(ctx context.Context) error { return l.conn.Close(ctx) }

// ListenOnce hijacks a connection and never closes it.
func ListenOnce(ctx context.Context, pool *pgxpool.Pool, channel string) error {
	poolConn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	conn := poolConn.Hijack() // want-e2e: release
	_, err = conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize())
	return err
}
