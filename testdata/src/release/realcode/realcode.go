// Package realcode holds reduced shapes from open-source projects that
// were once reported wrongly, each with the fix's reason.
package realcode

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// A statement cache's own Prepare hands out statements it keeps: a method
// of a project type is no acquisition unless what it returns is fresh
// (reduced from Masterminds/squirrel's StmtCache).
type StmtCache struct {
	mu    sync.Mutex
	db    *sql.DB
	cache map[string]*sql.Stmt
}

func (sc *StmtCache) Prepare(query string) (*sql.Stmt, error) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if stmt, ok := sc.cache[query]; ok {
		return stmt, nil
	}
	stmt, err := sc.db.Prepare(query)
	if err == nil {
		sc.cache[query] = stmt
	}
	return stmt, err
}

func (sc *StmtCache) Exec(query string, args ...any) (sql.Result, error) {
	stmt, err := sc.Prepare(query)
	if err != nil {
		return nil, err
	}
	return stmt.Exec(args...)
}

// A type embedding *sql.DB that overrides QueryContext: its rows are fresh,
// so its callers hold them (reduced from go-jet's stmtcache.DB).
type DB struct {
	*sql.DB
	cache *StmtCache
}

func (d *DB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) { // want QueryContext:"acquires sql.Rows"
	if d.cache == nil {
		return d.DB.QueryContext(ctx, query, args...)
	}
	stmt, err := d.cache.Prepare(query)
	if err != nil {
		return nil, err
	}
	return stmt.QueryContext(ctx, args...)
}

func (d *DB) Names(ctx context.Context) ([]string, error) {
	rows, err := d.QueryContext(ctx, "SELECT name FROM users") // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the return at line 69`
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// Rows set by a closure belong to the enclosing function: the literal
// does not leak them (reduced from go-jet's statement.Rows).
func timed(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

func Rows(ctx context.Context, db *sql.DB, q string) (*sql.Rows, time.Duration, error) { // want Rows:"params - keeps -"
	var rows *sql.Rows
	var err error
	took := timed(func() {
		rows, err = db.QueryContext(ctx, q)
	})
	if err != nil {
		return nil, took, err
	}
	return rows, took, nil
}

// The error checked through a call that records it (reduced from gorm's
// callbacks: if db.AddError(err) == nil { defer rows.Close() ... }).
type Statement struct {
	errs []error
}

func (s *Statement) AddError(err error) error {
	if err != nil {
		s.errs = append(s.errs, err)
	}
	return err
}

func (s *Statement) Create(ctx context.Context, db *sql.DB, q string) {
	rows, err := db.QueryContext(ctx, q)
	if s.AddError(err) == nil {
		defer func() {
			s.AddError(rows.Close())
		}()
		for rows.Next() {
		}
	}
}

// A statement from the cache or a new one that the cache keeps: callers
// never own what it returns, though one path returns a fresh statement
// (reduced from go-jet's stmtcache.DB.PrepareContext, whose callers call it
// only with caching on).
type CachedDB struct {
	*sql.DB
	mu         sync.RWMutex
	caching    bool
	statements map[string]*sql.Stmt
}

func (d *CachedDB) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	if !d.caching {
		return d.DB.PrepareContext(ctx, query)
	}
	d.mu.RLock()
	stmt, ok := d.statements[query]
	d.mu.RUnlock()
	if ok {
		return stmt, nil
	}
	stmt, err := d.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	d.statements[query] = stmt
	d.mu.Unlock()
	return stmt, nil
}

func (d *CachedDB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if !d.caching {
		return d.DB.ExecContext(ctx, query, args...)
	}
	stmt, err := d.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	return stmt.ExecContext(ctx, args...)
}

// A pinned connection or a new one: not always the caller's.
type Session struct {
	db     *sql.DB
	pinned *sql.Conn
}

func (s *Session) conn(ctx context.Context) (*sql.Conn, error) {
	if s.pinned != nil {
		return s.pinned, nil
	}
	return s.db.Conn(ctx)
}

func (s *Session) Ping(ctx context.Context) error {
	c, err := s.conn(ctx)
	if err != nil {
		return err
	}
	return c.PingContext(ctx)
}

// Rows whose Err is set have closed themselves: the early return on
// rows.Err() holds nothing (reduced from authzed/spicedb's
// asQueryableTx.QueryFunc).
func QueryFunc(ctx context.Context, db *sql.DB, f func(*sql.Rows) error, q string) error {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return f(rows)
}

// Closed on every other path, but a return that skips both is still a leak.
func QueryFuncLeak(ctx context.Context, db *sql.DB, f func(*sql.Rows) error, q string, limit int) error {
	rows, err := db.QueryContext(ctx, q) // want `rows \(\*sql.Rows\) from QueryContext is not closed on the path through the return at line 207`
	if err != nil {
		return err
	}
	if rows.Err() != nil {
		return rows.Err()
	}
	if limit == 0 {
		return nil
	}
	return f(rows)
}

// A deferred closure over the variable releases whatever it holds at the
// end, the connection acquired again after a failure included (reduced
// from spicedb's RetryPool.withRetries).
type Pool struct{ db *sql.DB }

func (p *Pool) again(ctx context.Context) (*sql.Conn, error) { // want again:"acquires sql.Conn"
	return p.db.Conn(ctx)
}

func (p *Pool) WithRetries(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if conn != nil {
			conn.Close()
		}
	}()
	for i := 0; i < 3; i++ {
		if err = fn(conn); err == nil {
			return nil
		}
		conn.Close()
		conn, err = p.again(ctx)
		if err != nil {
			return err
		}
	}
	return err
}

// `defer conn.Close()` binds the first connection: the second one leaks.
func (p *Pool) WithRetriesLeak(ctx context.Context, fn func(*sql.Conn) error) error {
	conn, err := p.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if err = fn(conn); err == nil {
		return nil
	}
	conn, err = p.again(ctx) // want `conn \(\*sql.Conn\) from again is not closed on the path through the return at line 258`
	if err != nil {
		return err
	}
	return conn.PingContext(ctx)
}
