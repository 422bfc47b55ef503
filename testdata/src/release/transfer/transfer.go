package transfer

import (
	"context"
	"database/sql"
	"errors"
	"sync"

	"github.com/redis/go-redis/v9"
)

type Cursor struct {
	rows *sql.Rows
}

func (c *Cursor) Close() error { return c.rows.Close() }

// Returned inside a struct that owns it now.
func openCursor(ctx context.Context, db *sql.DB) (*Cursor, error) {
	rows, err := db.QueryContext(ctx, "SELECT id FROM events ORDER BY id")
	if err != nil {
		return nil, err
	}
	return &Cursor{rows: rows}, nil
}

// Returned to the caller: an acquirer fact, and the caller holds the rows.
func queryEvents(ctx context.Context, db *sql.DB) (*sql.Rows, error) { // want queryEvents:"acquires sql.Rows"
	rows, err := db.QueryContext(ctx, "SELECT id FROM events")
	if err != nil {
		return nil, err
	}
	return rows, nil
}

func countEventsLeak(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := queryEvents(ctx, db) // want `rows \(\*sql.Rows\) from queryEvents is never closed`
	if err != nil {
		return 0, err
	}
	n := 0
	if rows.Next() {
		n++
	}
	return n, nil
}

func countEvents(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := queryEvents(ctx, db)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// A named result returned by a bare return.
func prepareNamed(ctx context.Context, db *sql.DB) (stmt *sql.Stmt, err error) { // want prepareNamed:"acquires sql.Stmt"
	stmt, err = db.PrepareContext(ctx, "SELECT 1")
	if err != nil {
		return
	}
	return
}

var (
	mu      sync.Mutex
	pending = map[string]*sql.Tx{}
	pool    []*sql.Conn
)

// Stored in a package-level map: it outlives the function.
func beginSession(ctx context.Context, db *sql.DB, id string) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	mu.Lock()
	pending[id] = tx
	mu.Unlock()
	return nil
}

// Appended to a package-level slice.
func reserve(ctx context.Context, db *sql.DB) error {
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	pool = append(pool, c)
	return nil
}

// Sent on a channel: the receiver owns it.
func stream(ctx context.Context, db *sql.DB, out chan<- *sql.Rows) error {
	rows, err := db.QueryContext(ctx, "SELECT payload FROM outbox")
	if err != nil {
		return err
	}
	out <- rows
	return nil
}

// Handed to a goroutine that closes it.
func listenAsync(ctx context.Context, rdb *redis.Client, handle func(string)) {
	sub := rdb.Subscribe(ctx, "events")
	go func() {
		defer sub.Close()
		for msg := range sub.Channel() {
			handle(msg.Payload)
		}
	}()
}

// Handed to a goroutine through a call.
func listenWorker(ctx context.Context, rdb *redis.Client) {
	sub := rdb.PSubscribe(ctx, "jobs.*")
	go consume(sub)
}

func consume(sub *redis.PubSub) { // want consume:"params releases"
	defer sub.Close()
	for range sub.Channel() {
	}
}

// A cleanup callback registered with the caller owns it.
func withCleanup(ctx context.Context, db *sql.DB, register func(func() error)) (*sql.Conn, error) { // want withCleanup:"acquires sql.Conn"
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	register(conn.Close)
	return conn, nil
}

type Listener struct {
	sub *redis.PubSub
}

// Stored in a field.
func (l *Listener) Start(ctx context.Context, rdb *redis.Client) {
	l.sub = rdb.Subscribe(ctx, "config")
}

func subscribeLeak(ctx context.Context, rdb *redis.Client, n int) []string {
	sub := rdb.Subscribe(ctx, "events") // want `sub \(\*redis.PubSub\) from Subscribe is never closed`
	var out []string
	for msg := range sub.Channel() {
		out = append(out, msg.Payload)
		if len(out) == n {
			break
		}
	}
	return out
}

// A local closure that closes it, called on every path, counts as a release
// once it is made: the closure holds it.
func closedByLocalHelper(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "SELECT 1")
	if err != nil {
		return err
	}
	cleanup := func() { rows.Close() }
	defer cleanup()
	return nil
}

// Provider hands out a connection with the function that gives it back
// (reduced from pressly/goose's Provider.initialize).
type Provider struct {
	mu sync.Mutex
	db *sql.DB
}

func (p *Provider) initialize(ctx context.Context) (*sql.Conn, func() error, error) { // want initialize:`acquires sql.Conn \(released by result 1\)`
	p.mu.Lock()
	conn, err := p.db.Conn(ctx)
	if err != nil {
		p.mu.Unlock()
		return nil, nil, err
	}
	cleanup := func() error {
		p.mu.Unlock()
		return conn.Close()
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(1)"); err != nil {
		return nil, nil, errors.Join(err, cleanup())
	}
	return conn, cleanup, nil
}

// The cleanup, deferred in a closure, releases the connection.
func (p *Provider) Up(ctx context.Context) (retErr error) {
	conn, cleanup, err := p.initialize(ctx)
	if err != nil {
		return err
	}
	defer func() {
		retErr = errors.Join(retErr, cleanup())
	}()
	_, err = conn.ExecContext(ctx, "UPDATE goose_db_version SET is_applied = true")
	return err
}

// Called on every path.
func (p *Provider) Version(ctx context.Context) (int64, error) {
	conn, cleanup, err := p.initialize(ctx)
	if err != nil {
		return 0, err
	}
	var v int64
	if err := conn.QueryRowContext(ctx, "SELECT max(version_id) FROM goose_db_version").Scan(&v); err != nil {
		_ = cleanup()
		return 0, err
	}
	return v, cleanup()
}

// Forgotten on the error path.
func (p *Provider) Status(ctx context.Context) (int64, error) {
	conn, cleanup, err := p.initialize(ctx) // want `conn \(\*sql.Conn\) from initialize is not closed on the path through the return at line 233`
	if err != nil {
		return 0, err
	}
	var n int64
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM goose_db_version").Scan(&n); err != nil {
		return 0, err
	}
	return n, cleanup()
}

// The cleanup thrown away and the connection closed directly.
func (p *Provider) Ping(ctx context.Context) error {
	conn, _, err := p.initialize(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.PingContext(ctx)
}

// Handed as any to a container that may keep it: sync.Map.Store.
type Sessions struct{ m sync.Map }

func (s *Sessions) Open(ctx context.Context, db *sql.DB, id string) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	s.m.Store(id, conn)
	return nil
}
