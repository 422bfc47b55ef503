// Package worker runs background jobs. It does not import the singleton package.
package worker

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/redis/go-redis/v9"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"holdout.example/svc/internal/cache"
	"holdout.example/svc/internal/legacy"
)

type Job struct {
	Tenant string
	DSN    string
	Addr   string
}

type Worker struct {
	pool *pgxpool.Pool
	db   *sql.DB
	rdb  *redis.Client
}

// holdout: neg
// singleton: a constructor that stores the clients it is given.
func New(pool *pgxpool.Pool, db *sql.DB, rdb *redis.Client) *Worker {
	return &Worker{pool: pool, db: db, rdb: rdb}
}

// holdout: pos singleton
// singleton 1: redis.NewClient in a loop body, one client per job.
func (w *Worker) RunPurges(ctx context.Context, jobs <-chan Job) {
	for job := range jobs {
		rdb := redis.NewClient(&redis.Options{Addr: job.Addr})
		if err := rdb.Del(ctx, "tenant:"+job.Tenant).Err(); err != nil {
			log.Printf("purge %s: %v", job.Tenant, err)
		}
		rdb.Close()
	}
}

// holdout: pos singleton
// singleton 1: sql.Open per tenant inside a for loop.
func (w *Worker) MigrateTenants(ctx context.Context, tenants []Job) error {
	for _, t := range tenants {
		tdb, err := sql.Open("pgx", t.DSN)
		if err != nil {
			return err
		}
		_, err = tdb.ExecContext(ctx, `ALTER TABLE orders ADD COLUMN IF NOT EXISTS note text`)
		tdb.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// holdout: pos singleton
// singleton 5: a wrapper (legacy.NewUserRepo) called in a loop body.
func (w *Worker) CountUsers(ctx context.Context, tenants []Job) map[string]int {
	out := map[string]int{}
	for _, t := range tenants {
		repo, err := legacy.NewUserRepo(t.DSN)
		if err != nil {
			continue
		}
		names, _ := repo.Names(ctx)
		out[t.Tenant] = len(names)
		repo.Close()
	}
	return out
}

// holdout: pos singleton
// singleton 5: cache.New wrapper called in a ticker loop.
func (w *Worker) Heartbeat(ctx context.Context, addr string) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			c := cache.New(addr, time.Minute)
			_, _ = c.GetJSON(ctx, "heartbeat", new(any))
			c.Close()
		}
	}
}

// holdout: pos release
// release 3: defer rows.Close() inside a loop body.
func (w *Worker) ScanShards(ctx context.Context, shards []string) (int, error) {
	total := 0
	for _, shard := range shards {
		rows, err := w.db.QueryContext(ctx, `SELECT id FROM `+shard)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		for rows.Next() {
			total++
		}
	}
	return total, nil
}

// holdout: neg
// release 3 does not apply: the defer is inside a function literal called per iteration.
func (w *Worker) ScanShardsSafe(ctx context.Context, shards []string) (int, error) {
	total := 0
	for _, shard := range shards {
		err := func() error {
			rows, err := w.pool.Query(ctx, `SELECT id FROM `+pgx.Identifier{shard}.Sanitize())
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				total++
			}
			return rows.Err()
		}()
		if err != nil {
			return 0, err
		}
	}
	return total, nil
}

// holdout: pos release
// release 3: defer conn.Release() in a loop over batches.
func (w *Worker) Vacuum(ctx context.Context, tables []string) error {
	for _, t := range tables {
		conn, err := w.pool.Acquire(ctx)
		if err != nil {
			return err
		}
		defer conn.Release()
		if _, err := conn.Exec(ctx, `VACUUM `+pgx.Identifier{t}.Sanitize()); err != nil {
			return err
		}
	}
	return nil
}

// holdout: neg
// release 3 does not apply: a deferred Rollback in a loop, but every iteration commits or returns.
// Relabelled from "pos release": rule 3's harm is "every iteration's resource stays held until
// the function returns"; here each tx is released (Commit) in its own iteration.
func (w *Worker) Settle(ctx context.Context, ids []int64) error {
	for _, id := range ids {
		tx, err := w.pool.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		if _, err := tx.Exec(ctx, `UPDATE orders SET settled = true WHERE id = $1`, id); err != nil {
			return err
		}
		if err := tx.Commit(ctx); err != nil {
			return err
		}
	}
	return nil
}

// holdout: neg
// release: rows closed explicitly at the end of each iteration, every path.
func (w *Worker) Sizes(ctx context.Context, tables []string) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range tables {
		rows, err := w.db.QueryContext(ctx, `SELECT pg_total_relation_size($1)`, t)
		if err != nil {
			return nil, err
		}
		var n int64
		if rows.Next() {
			err = rows.Scan(&n)
		}
		rows.Close()
		if err != nil {
			return nil, err
		}
		out[t] = n
	}
	return out, nil
}

// holdout: neg
// release: each transaction handed to a goroutine that commits or rolls back.
func (w *Worker) FanOut(ctx context.Context, ids []int64) {
	for _, id := range ids {
		tx, err := w.pool.Begin(ctx)
		if err != nil {
			log.Printf("begin: %v", err)
			continue
		}
		go func(tx pgx.Tx, id int64) {
			if _, err := tx.Exec(ctx, `UPDATE orders SET touched = now() WHERE id = $1`, id); err != nil {
				_ = tx.Rollback(ctx)
				return
			}
			_ = tx.Commit(ctx)
		}(tx, id)
	}
}

// holdout: pos release
// release 1: a sqlx Queryx loop that returns early on a match without Close.
func FindTenant(ctx context.Context, dbx *sqlx.DB, name string) (int64, bool, error) {
	rows, err := dbx.QueryxContext(ctx, `SELECT id, name FROM tenants`)
	if err != nil {
		return 0, false, err
	}
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return 0, false, err
		}
		if n == name {
			return id, true, nil
		}
	}
	rows.Close()
	return 0, false, nil
}

// holdout: neg
// release: a panic path between acquisition and the deferred Close.
func (w *Worker) MustTenants(ctx context.Context) []string {
	rows, err := w.db.QueryContext(ctx, `SELECT name FROM tenants`)
	if err != nil {
		panic(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			panic(err)
		}
		out = append(out, s)
	}
	return out
}

// Registry keeps one pool per tenant for the life of the worker.
type Registry struct {
	mu  sync.Mutex
	dbs map[string]*sql.DB
}

// holdout: neg
// singleton: a per-tenant pool cached in a field map (cached, escapes), not per call.
func (r *Registry) Get(dsn string) (*sql.DB, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if db, ok := r.dbs[dsn]; ok {
		return db, nil
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	if r.dbs == nil {
		r.dbs = map[string]*sql.DB{}
	}
	r.dbs[dsn] = db
	return db, nil
}

// holdout: neg
// singleton/release: the new pool is passed on to New, which keeps it in the returned Worker.
func Start(ctx context.Context, dsn string) (*Worker, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return New(pool, nil, nil), nil
}

// Session pins one pool connection for a sequence of statements.
type Session struct {
	conn *pgxpool.Conn
}

// holdout: neg
// release: the acquired conn is stored in the receiver's field; End releases it.
func (s *Session) Begin(ctx context.Context, pool *pgxpool.Pool) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	s.conn = conn
	return nil
}

// holdout: neg
// release: releases the held conn.
func (s *Session) End() {
	if s.conn != nil {
		s.conn.Release()
		s.conn = nil
	}
}

// holdout: pos release
// release 1: the conn is released only when the session variable is set.
func SetRole(ctx context.Context, pool *pgxpool.Pool, role string) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	switch role {
	case "":
		return nil
	case "admin", "reader":
	default:
		return fmt.Errorf("unknown role %q", role)
	}
	_, err = conn.Exec(ctx, `SELECT set_config('app.role', $1, false)`, role)
	conn.Release()
	return err
}

// holdout: pos singleton
// singleton 1: gorm.Open in a loop body over tenants.
func GormTenants(tenants []Job) map[string]int64 {
	out := map[string]int64{}
	for _, t := range tenants {
		gdb, err := gorm.Open(postgres.Open(t.DSN), &gorm.Config{})
		if err != nil {
			continue
		}
		var n int64
		gdb.Table("users").Count(&n)
		out[t.Tenant] = n
		if sqlDB, err := gdb.DB(); err == nil {
			sqlDB.Close()
		}
	}
	return out
}
