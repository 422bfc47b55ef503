package shortlived // want package:"singletons redis singleton/shortlived.shared, sql singleton/shortlived.getDB, sql singleton/shortlived.primary"

import (
	"context"
	"database/sql"
	"sync"

	"entapp/ent"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"prismaapp/db"
)

// A pool opened and closed per call is still a pool per call.
func CountUsers(ctx context.Context, dsn string) (int, error) {
	conn, err := sql.Open("pgx", dsn) // want `sql.Open builds a short-lived \*sql.DB in CountUsers: the client does not outlive the call`
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	var n int
	err = conn.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

func Flush(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `redis.NewClient builds a short-lived \*redis.Client in Flush`
	defer rdb.Close()
	return rdb.Del(ctx, "session:*").Err()
}

func PingEnt(ctx context.Context, dsn string) error {
	client, err := ent.Open("postgres", dsn) // want `ent.Open builds a short-lived \*ent.Client in PingEnt`
	if err != nil {
		return err
	}
	defer client.Close()
	return nil
}

func PrismaOnce() error {
	client := db.NewClient() // want `db.NewClient builds a short-lived \*db.PrismaClient in PrismaOnce`
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
