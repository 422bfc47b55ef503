// Package ownership holds the cases of RULES.md's paragraph on cleanup
// closures, Hijack, copies and local structs: where ownership really
// leaves a function, and where it only seems to.
package ownership

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ---- a field of a local struct (reduced from golang-migrate's drivers) ----

type driver struct {
	conn *sql.Conn
	db   *sql.DB
}

func (d *driver) ensureVersionTable() error { return nil }

// Close releases the connection the driver holds.
func (d *driver) Close() error { return d.conn.Close() }

// initOrClose closes the driver's connection when it fails.
func (d *driver) initOrClose() error {
	if err := d.ensureVersionTable(); err != nil {
		d.conn.Close()
		return err
	}
	return nil
}

// The struct holding the connection is dropped on the error return: the
// connection stays pinned out of the pool.
func withInstance(instance *sql.DB) (*driver, error) { // want withInstance:"params keeps"
	conn, err := instance.Conn(context.Background()) // want `conn \(\*sql.Conn\) from Conn is not closed on the path through the return at line 45`
	if err != nil {
		return nil, err
	}
	px := &driver{conn: conn, db: instance}
	if err := px.ensureVersionTable(); err != nil {
		return nil, err
	}
	return px, nil
}

// The same, the field set after the struct is built.
func withInstanceField(instance *sql.DB) (*driver, error) {
	conn, err := instance.Conn(context.Background()) // want `conn \(\*sql.Conn\) from Conn is not closed on the path through the return at line 59`
	if err != nil {
		return nil, err
	}
	var px driver
	px.conn = conn
	if err := px.ensureVersionTable(); err != nil {
		return nil, err
	}
	return &px, nil
}

// The struct leaves on every path, or the connection is closed.
func withInstanceClosed(instance *sql.DB) (*driver, error) { // want withInstanceClosed:"params keeps"
	conn, err := instance.Conn(context.Background())
	if err != nil {
		return nil, err
	}
	px := &driver{conn: conn, db: instance}
	if err := px.ensureVersionTable(); err != nil {
		px.conn.Close()
		return nil, err
	}
	return px, nil
}

// The struct's own Close releases what it holds.
func withInstanceStructClose(instance *sql.DB) (*driver, error) { // want withInstanceStructClose:"params keeps"
	conn, err := instance.Conn(context.Background())
	if err != nil {
		return nil, err
	}
	px := &driver{conn: conn, db: instance}
	if err := px.ensureVersionTable(); err != nil {
		px.Close()
		return nil, err
	}
	return px, nil
}

// A method of the struct that closes the connection when it fails.
func withInstanceInitOrClose(instance *sql.DB) (*driver, error) {
	conn, err := instance.Conn(context.Background())
	if err != nil {
		return nil, err
	}
	px := &driver{conn: conn}
	if err := px.initOrClose(); err != nil {
		return nil, err
	}
	return px, nil
}

var drivers []*driver

func register(d *driver) { drivers = append(drivers, d) }

// The struct handed to a function: it may keep it.
func withInstanceRegistered(instance *sql.DB) error {
	conn, err := instance.Conn(context.Background())
	if err != nil {
		return err
	}
	px := &driver{conn: conn}
	register(px)
	return px.ensureVersionTable()
}

// The struct itself stored in a field of the receiver.
type holder struct{ d *driver }

func (h *holder) open(instance *sql.DB) error {
	conn, err := instance.Conn(context.Background())
	if err != nil {
		return err
	}
	d := &driver{conn: conn}
	h.d = d
	return d.ensureVersionTable()
}

// ---- a copy in another local (reduced from dbos-transact's system database) ----

type sysDB struct{ pool *pgxpool.Pool }

func newSysDB(ctx context.Context, custom *pgxpool.Pool, url string) (*sysDB, error) { // want newSysDB:"params - keeps -"
	var pool *pgxpool.Pool
	if custom != nil {
		pool = custom
	} else {
		newPool, err := pgxpool.New(ctx, url) // want `newPool \(\*pgxpool.Pool\) from pgxpool.New is not closed on the path through the return at line 149`
		if err != nil {
			return nil, err
		}
		pool = newPool
	}
	if pool.Config() == nil {
		return nil, errors.New("no config")
	}
	return &sysDB{pool: pool}, nil
}

// The copy is closed on the failure: the value is released.
func newSysDBClosed(ctx context.Context, url string) (*sysDB, error) {
	var pool *pgxpool.Pool
	newPool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, err
	}
	pool = newPool
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return &sysDB{pool: pool}, nil
}

// A copy declared with var, closed by a defer.
func countWithCopy(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT 1")
	if err != nil {
		return 0, err
	}
	var r = rows
	defer r.Close()
	n := 0
	for r.Next() {
		n++
	}
	return n, r.Err()
}

// ---- cleanup closures ----

// Written, never called: nothing releases the rows.
func cleanupNeverCalled(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT 1") // want `rows \(\*sql.Rows\) from QueryContext is never closed: it leaks on the path through the return at line 194`
	if err != nil {
		return err
	}
	cleanup := func() { rows.Close() }
	_ = cleanup
	return nil
}

// Called on the failure only.
func cleanupOnFailure(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx) // want `conn \(\*sql.Conn\) from Conn is not closed on the path through the return at line 208`
	if err != nil {
		return err
	}
	cleanup := func() { conn.Close() }
	if err := conn.PingContext(ctx); err != nil {
		cleanup()
		return err
	}
	return nil
}

// Called on every path.
func cleanupEveryPath(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	cleanup := func() { conn.Close() }
	if err := conn.PingContext(ctx); err != nil {
		cleanup()
		return err
	}
	cleanup()
	return nil
}

// Returned: the caller holds the obligation now.
func openWithCleanup(ctx context.Context, db *sql.DB) (func(), error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	cleanup := func() { conn.Close() }
	if err := conn.PingContext(ctx); err != nil {
		cleanup()
		return nil, err
	}
	return cleanup, nil
}

// Handed to a call that runs it.
func registerCleanup(ctx context.Context, db *sql.DB, onExit func(func())) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	cleanup := func() { conn.Close() }
	onExit(cleanup)
	return conn.PingContext(ctx)
}

// A closure that only uses the connection does not release it.
func helperClosureOnly(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx) // want `conn \(\*sql.Conn\) from Conn is never closed`
	if err != nil {
		return err
	}
	ping := func() error { return conn.PingContext(ctx) }
	return ping()
}

// ---- Hijack (reduced from river's pgx listener) ----

type listener struct{ conn *pgx.Conn }

// The hijacked connection is kept in a field: the pool connection's
// obligation ends with the Hijack.
func (l *listener) connect(ctx context.Context, pool *pgxpool.Pool) error {
	poolConn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	if _, err := poolConn.Exec(ctx, "SET search_path TO river"); err != nil {
		poolConn.Release()
		return err
	}
	l.conn = poolConn.Hijack()
	return nil
}

// The hijacked connection is a resource of its own: closed here.
func hijackClosed(ctx context.Context, pool *pgxpool.Pool) error {
	poolConn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	conn := poolConn.Hijack()
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "LISTEN jobs")
	return err
}

// Hijacked and dropped: the connection is out of the pool and never closed.
func hijackDropped(ctx context.Context, pool *pgxpool.Pool) error {
	poolConn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	conn := poolConn.Hijack() // want `conn \(\*pgx.Conn\) from Hijack is never closed`
	_, err = conn.Exec(ctx, "LISTEN jobs")
	return err
}

// A failure before the Hijack still owes the pool its connection.
func (l *listener) connectLeak(ctx context.Context, pool *pgxpool.Pool) error {
	poolConn, err := pool.Acquire(ctx) // want `poolConn \(\*pgxpool.Conn\) from Acquire is not released on the path through the return at line 310`
	if err != nil {
		return err
	}
	if _, err := poolConn.Exec(ctx, "SET search_path TO river"); err != nil {
		return err
	}
	l.conn = poolConn.Hijack()
	return nil
}
