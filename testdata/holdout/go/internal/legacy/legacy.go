// Package legacy is older code that builds its own clients. It does not
// import the singleton package.
package legacy

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// UserRepo keeps a sqlx handle for its whole life.
type UserRepo struct {
	db *sqlx.DB
}

// holdout: neg
// singleton 5: a wrapper returning a struct holding the new client; its own line is not flagged.
func NewUserRepo(dsn string) (*UserRepo, error) {
	db, err := sqlx.Connect("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	db.SetMaxOpenConns(10)
	return &UserRepo{db: db}, nil
}

// holdout: neg
// release: a method that closes the held client.
func (r *UserRepo) Close() error { return r.db.Close() }

// holdout: neg
// release: sqlx Select owns its rows.
func (r *UserRepo) Names(ctx context.Context) ([]string, error) {
	var names []string
	return names, r.db.SelectContext(ctx, &names, `SELECT name FROM users`)
}

// holdout: neg
// singleton 5: a wrapper returning the new pool directly (constructor returning the client).
func OpenPool(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = 8
	cfg.MaxConnIdleTime = 5 * time.Minute
	return pgxpool.NewWithConfig(ctx, cfg)
}

// holdout: neg
// singleton: a wrapper calling another wrapper outside loops and handlers is not per call.
func OpenDefaultPool(ctx context.Context) (*pgxpool.Pool, error) {
	return OpenPool(ctx, os.Getenv("DATABASE_URL"))
}

// holdout: neg
// singleton 2: a pool opened and closed per call outside package main.
// Relabelled from "pos singleton": RULES.md rule 2 is now short-lived AND per call, and
// nothing calls it in a loop or a handler (it has no caller), so it runs once as far as
// the analysis knows; release: closed on every path.
func TableExists(ctx context.Context, dsn, table string) (bool, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return false, err
	}
	defer db.Close()
	var ok bool
	err = db.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL`, table).Scan(&ok)
	return ok, err
}

// holdout: neg
// singleton 2: a single pgx.Conn opened and closed per call in a library function.
// Relabelled from "pos singleton": RULES.md rule 2 is now short-lived AND per call, and
// nothing calls it in a loop or a handler (it has no caller), so it runs once as far as
// the analysis knows; release: closed on every path.
func ServerVersion(ctx context.Context, dsn string) (string, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var v string
	err = conn.QueryRow(ctx, `SHOW server_version`).Scan(&v)
	return v, err
}

// holdout: pos release
// singleton 2: a short-lived *sql.DB that is never closed.
// Relabelled from "pos singleton": RULES.md rule 2 is now short-lived AND per call, and
// nothing calls it in a loop or a handler (it has no caller); code that runs once is left
// to release, which reports the missing release (the corpus author's first label had it).
func CountRows(ctx context.Context, dsn, table string) (int64, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return 0, err
	}
	var n int64
	err = db.QueryRowContext(ctx, `SELECT count(*) FROM `+pgx.Identifier{table}.Sanitize()).Scan(&n)
	return n, err
}

// holdout: pos release
// singleton 2: a short-lived mongo client, disconnected only when the ping succeeds.
// Relabelled from "pos singleton": RULES.md rule 2 is now short-lived AND per call, and
// nothing calls it in a loop or a handler (it has no caller); code that runs once is left
// to release, which reports the missing release (the corpus author's first label had it).
func MongoHealthy(ctx context.Context, uri string) error {
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		return err
	}
	if err := client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("mongo ping: %w", err)
	}
	return client.Disconnect(ctx)
}

// Service bundles the clients of the legacy API.
type Service struct {
	DB    *gorm.DB
	Mongo *mongo.Client
}

// holdout: neg
// singleton 5: a constructor storing both clients in the returned struct.
func NewService(dsn, mongoURI string) (*Service, error) {
	gdb, err := gorm.Open(postgres.Open(dsn), &gorm.Config{})
	if err != nil {
		return nil, err
	}
	mc, err := mongo.Connect(options.Client().ApplyURI(mongoURI))
	if err != nil {
		return nil, err
	}
	return &Service{DB: gdb, Mongo: mc}, nil
}

// holdout: neg
// release: a helper that closes what it is given (used across packages).
func CloseQuietly(c io.Closer) {
	if err := c.Close(); err != nil {
		log.Printf("close: %v", err)
	}
}

// holdout: neg
// release: a user function that always ends the process.
func Die(format string, args ...any) {
	log.Printf(format, args...)
	os.Exit(1)
}

// holdout: neg
// release: the helper CloseQuietly releases the rows on every path.
func (r *UserRepo) Dump(ctx context.Context, w io.Writer) error {
	rows, err := r.db.QueryxContext(ctx, `SELECT id, name FROM users`)
	if err != nil {
		return err
	}
	defer CloseQuietly(rows)
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		fmt.Fprintf(w, "%d\t%s\n", id, name)
	}
	return rows.Err()
}

// holdout: neg
// release: the path that skips Close ends in Die, a user function that never returns.
func (r *UserRepo) MustCount(ctx context.Context) int {
	rows, err := r.db.QueryContext(ctx, `SELECT count(*) FROM users`)
	if err != nil {
		Die("count: %v", err)
	}
	var n int
	if rows.Next() {
		if err := rows.Scan(&n); err != nil {
			Die("count scan: %v", err)
		}
	}
	rows.Close()
	return n
}

// Cursor keeps open rows for a paging API.
type Cursor struct {
	rows *sqlx.Rows
}

// holdout: neg
// release: the rows are stored in a field of the returned struct.
func (r *UserRepo) OpenCursor(ctx context.Context) (*Cursor, error) {
	rows, err := r.db.QueryxContext(ctx, `SELECT id, name FROM users ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return &Cursor{rows: rows}, nil
}

// holdout: neg
// release: a closure that owns the rows and closes them when called.
func (r *UserRepo) Iter(ctx context.Context) (next func() (string, bool), stop func(), err error) {
	rows, err := r.db.QueryContext(ctx, `SELECT name FROM users`)
	if err != nil {
		return nil, nil, err
	}
	next = func() (string, bool) {
		if !rows.Next() {
			return "", false
		}
		var s string
		_ = rows.Scan(&s)
		return s, true
	}
	stop = func() { rows.Close() }
	return next, stop, nil
}

// holdout: neg
// release: mongo cursors are not a RULES.md resource (Find is not an acquisition).
func (s *Service) EventTypes(ctx context.Context) ([]string, error) {
	cur, err := s.Mongo.Database("app").Collection("events").Find(ctx, map[string]any{})
	if err != nil {
		return nil, err
	}
	var out []string
	for cur.Next(ctx) {
		out = append(out, cur.Current.Lookup("type").StringValue())
	}
	return out, nil
}

// Store is a pgxpool-backed store for the legacy jobs.
type Store struct {
	pool *pgxpool.Pool
}

// holdout: pos release
// release 1: a constructor that returns the pool on success but drops it when the ping fails.
func NewStore(ctx context.Context, dsn string) (*Store, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		return nil, fmt.Errorf("ping %s: %w", dsn, err)
	}
	return &Store{pool: pool}, nil
}

// holdout: neg
// release: the constructor closes the pool when the ping fails, returns it otherwise.
func NewCheckedStore(ctx context.Context, dsn string) (*Store, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return &Store{pool: pool}, nil
}

// holdout: neg
// singleton 2: sql.OpenDB on a pgx connector, opened and closed per call.
// Relabelled from "pos singleton": RULES.md rule 2 is now short-lived AND per call, and
// nothing calls it in a loop or a handler (it has no caller), so it runs once as far as
// the analysis knows; release: closed on every path.
func Vacuum(ctx context.Context, dsn string) error {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return err
	}
	db := sql.OpenDB(stdlib.GetConnector(*cfg))
	defer db.Close()
	_, err = db.ExecContext(ctx, `VACUUM ANALYZE`)
	return err
}
