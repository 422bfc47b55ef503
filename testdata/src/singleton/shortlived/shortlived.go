package shortlived // want package:"singletons redis singleton/shortlived.shared, sql singleton/shortlived.getDB, sql singleton/shortlived.primary"

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"sync"

	"entapp/ent"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"prismaapp/db"
)

// A pool opened and closed in the function: a builder. It runs once or
// per call as its callers decide (rule 2 is short-lived AND per call), so
// its own line is not flagged; its calls in handlers and loops are.
func CountUsers(ctx context.Context, dsn string) (int, error) { // want CountUsers:`builds short-lived \*sql.DB`
	conn, err := sql.Open("pgx", dsn)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var n int
	err = conn.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

func Flush(ctx context.Context, addr string) error { // want Flush:`builds short-lived \*redis.Client`
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	return rdb.Del(ctx, "session:*").Err()
}

func PingEnt(ctx context.Context, dsn string) error { // want PingEnt:`builds short-lived \*ent.Client`
	client, err := ent.Open("postgres", dsn)
	if err != nil {
		return err
	}
	defer client.Close()
	return nil
}

func PrismaOnce() error { // want PrismaOnce:`builds short-lived \*db.PrismaClient`
	client := db.NewClient()
	if err := client.Prisma.Connect(); err != nil {
		return err
	}
	return client.Prisma.Disconnect()
}

type Store struct {
	pool *pgxpool.Pool
	bun  *bun.DB
}

// Returned: the caller keeps it.
func NewPool(ctx context.Context, dsn string) (*pgxpool.Pool, error) { // want NewPool:"wraps pgxpool"
	return pgxpool.New(ctx, dsn)
}

// Stored in the struct it returns.
func NewStore(ctx context.Context, dsn string) (*Store, error) { // want NewStore:`wraps pgxpool \(struct\)`
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return &Store{pool: pool}, nil
}

// Stored in a field of the receiver.
func (s *Store) Open(sqldb *sql.DB) {
	s.bun = bun.NewDB(sqldb, pgdialect.New())
}

// Passed on to a function that keeps it.
func Serve(ctx context.Context, dsn string, run func(*pgxpool.Pool) error) error {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	return run(pool)
}

var (
	once   sync.Once
	shared *redis.Client
)

// Behind a sync.Once: the package's singleton.
func Shared() *redis.Client {
	once.Do(func() {
		shared = redis.NewClient(&redis.Options{Addr: "cache:6379"})
	})
	return shared
}

var getDB = sync.OnceValue(func() *sql.DB {
	d, err := sql.Open("pgx", "postgres:///app")
	if err != nil {
		panic(err)
	}
	return d
})

var primary *sql.DB

func init() {
	d, err := sql.Open("pgx", "postgres:///primary")
	if err != nil {
		panic(err)
	}
	primary = d
}

// ---- per call: the builders' callers ----

type Handler struct{ dsn, cache string }

// A builder called per request: a pool per request.
func (h *Handler) Users(w http.ResponseWriter, r *http.Request) {
	n, err := CountUsers(r.Context(), h.dsn) // want `CountUsers builds a short-lived \*sql.DB on every call, and it is called in the HTTP handler Users: every request opens new connections`
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	fmt.Fprintln(w, n)
}

// A builder called per iteration.
func FlushAll(ctx context.Context, addrs []string) error {
	for _, addr := range addrs {
		if err := Flush(ctx, addr); err != nil { // want `Flush builds a short-lived \*redis.Client on every call, and it is called inside a loop: every iteration opens new connections`
			return err
		}
	}
	return nil
}

// Report calls a builder: it is one too (through CountUsers)...
func Report(ctx context.Context, dsn string) (string, error) { // want Report:`builds short-lived \*sql.DB`
	n, err := CountUsers(ctx, dsn)
	return fmt.Sprint(n), err
}

// ...so calling it per request is flagged at this call.
func (h *Handler) Summary(w http.ResponseWriter, r *http.Request) {
	s, _ := Report(r.Context(), h.dsn) // want `Report builds a short-lived \*sql.DB on every call, and it is called in the HTTP handler Summary`
	fmt.Fprintln(w, s)
}

// Called once, at startup: not per call.
func Start(ctx context.Context, dsn string) error { // want Start:`builds short-lived \*sql.DB`
	if _, err := CountUsers(ctx, dsn); err != nil {
		return err
	}
	return PingEnt(ctx, dsn)
}

// A callback runs when its caller decides: a builder called there makes
// neither Warm a builder nor a finding.
func Warm(ctx context.Context, dsn string, retry func(func() error) error) error {
	return retry(func() error { return PingEnt(ctx, dsn) })
}

// A retry loop calls the builder until it works: one client per call.
func waitReady(ctx context.Context, addr string) error {
	var err error
	for range 10 {
		if err = Flush(ctx, addr); err == nil {
			return nil
		}
	}
	return err
}
