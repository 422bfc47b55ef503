package clients

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jmoiron/sqlx"
	"github.com/redis/go-redis/v9"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	mongo2 "go.mongodb.org/mongo-driver/v2/mongo"
	options2 "go.mongodb.org/mongo-driver/v2/mongo/options"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"prismaapp/db"
)

// A pool opened for one report and never closed. Short-lived, but nothing
// calls it per call, so the singleton rule leaves it to release (rule 2
// is short-lived AND per call): it is never closed.
func monthlyReport(ctx context.Context, dsn string) (int, error) {
	pool, err := sql.Open("pgx", dsn) // want `pool \(\*sql.DB\) from sql.Open is never closed`
	if err != nil {
		return 0, err
	}
	var n int
	err = pool.QueryRowContext(ctx, "SELECT count(*) FROM orders").Scan(&n)
	return n, err
}

// Handed to the caller: the caller owns it.
func OpenPool(ctx context.Context, dsn string) (*pgxpool.Pool, error) { // want OpenPool:"acquires pgxpool"
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("ping: %w", err)
	}
	return pool, nil
}

// The pool is returned when the ping works and dropped when it fails.
func OpenPoolPingLeak(ctx context.Context, dsn string) (*pgxpool.Pool, error) { // want OpenPoolPingLeak:"acquires pgxpool"
	pool, err := pgxpool.New(ctx, dsn) // want `pool \(\*pgxpool.Pool\) from pgxpool.New is not closed on the path through the return at line 58`
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		return nil, fmt.Errorf("ping: %w", err)
	}
	return pool, nil
}

type Store struct {
	db    *sql.DB
	cache *redis.Client
}

// Kept in the struct it returns.
func NewService(dsn string) (*Store, error) {
	d, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	return &Store{db: d}, nil
}

// A bad option is found after the pool is open: that return drops it.
func NewStoreFromURL(dsn string, maxConns string) (*Store, error) {
	d, err := sql.Open("pgx", dsn) // want `d \(\*sql.DB\) from sql.Open is not closed on the path through the return at line 85`
	if err != nil {
		return nil, err
	}
	var n int
	if _, err := fmt.Sscanf(maxConns, "%d", &n); err != nil {
		return nil, fmt.Errorf("max conns %q: %w", maxConns, err)
	}
	d.SetMaxOpenConns(n)
	return &Store{db: d}, nil
}

// The same with the pool closed before the error return.
func NewStoreFromURLClosed(dsn string, maxConns string) (*Store, error) {
	d, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	var n int
	if _, err := fmt.Sscanf(maxConns, "%d", &n); err != nil {
		_ = d.Close()
		return nil, fmt.Errorf("max conns %q: %w", maxConns, err)
	}
	d.SetMaxOpenConns(n)
	return &Store{db: d}, nil
}

// redis: the client is dropped when the first ping fails.
func (s *Store) AttachCache(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `rdb \(\*redis.Client\) from redis.NewClient is not closed on the path through the return at line 110`
	if err := rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis %s: %w", addr, err)
	}
	s.cache = rdb
	return nil
}

func (s *Store) AttachCacheClosed(ctx context.Context, addr string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	if err := rdb.Ping(ctx).Err(); err != nil {
		_ = rdb.Close()
		return fmt.Errorf("redis %s: %w", addr, err)
	}
	s.cache = rdb
	return nil
}

// A universal client is an interface; Close is still its release.
func NewUniversal(ctx context.Context, addrs []string) (redis.UniversalClient, error) { // want NewUniversal:"acquires redis"
	c := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: addrs}) // want `c \(redis.UniversalClient\) from redis.NewUniversalClient is not closed on the path through the return at line 130`
	if err := c.Ping(ctx).Err(); err != nil {
		return nil, err
	}
	return c, nil
}

type MongoStore struct{ client *mongo.Client }

// mongo v1: Connect, then a failed ping returns without Disconnect.
func NewMongoStore(ctx context.Context, uri string) (*MongoStore, error) {
	client, err := mongo.Connect(ctx, options.Client().ApplyURI(uri)) // want `client \(\*mongo.Client\) from mongo.Connect is not disconnected on the path through the return at line 144`
	if err != nil {
		return nil, err
	}
	if err := client.Ping(ctx, nil); err != nil {
		return nil, err
	}
	return &MongoStore{client: client}, nil
}

// mongo v1 NewClient + Connect: a failed Connect leaves nothing to
// disconnect; a failed ping does.
func NewMongoStoreTwoStep(ctx context.Context, uri string) (*MongoStore, error) {
	client, err := mongo.NewClient(options.Client().ApplyURI(uri))
	if err != nil {
		return nil, err
	}
	if err := client.Connect(ctx); err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	if err := client.Ping(ctx, nil); err != nil {
		_ = client.Disconnect(ctx)
		return nil, fmt.Errorf("ping: %w", err)
	}
	return &MongoStore{client: client}, nil
}

type Mongo2Store struct{ client *mongo2.Client }

// mongo v2: Disconnect in a deferred closure on the error path.
func NewMongo2Store(ctx context.Context, uri string) (s *Mongo2Store, err error) {
	client, err := mongo2.Connect(options2.Client().ApplyURI(uri))
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = client.Disconnect(context.Background())
		}
	}()
	if err = client.Ping(ctx, nil); err != nil {
		return nil, err
	}
	return &Mongo2Store{client: client}, nil
}

func NewMongo2StoreLeak(ctx context.Context, uri string) (*Mongo2Store, error) {
	client, err := mongo2.Connect(options2.Client().ApplyURI(uri)) // want `client \(\*mongo.Client\) from mongo.Connect is not disconnected on the path through the return at line 191`
	if err != nil {
		return nil, err
	}
	if err := client.Ping(ctx, nil); err != nil {
		return nil, err
	}
	return &Mongo2Store{client: client}, nil
}

type App struct {
	prisma *db.PrismaClient
	bun    *bun.DB
	sqlx   *sqlx.DB
	conn   *pgx.Conn
}

// prisma-client-go: Disconnect is reached through the Prisma field's
// embedded lifecycle. A failed Connect leaves nothing to disconnect.
func NewApp(ctx context.Context, migrate func(*db.PrismaClient) error) (*App, error) {
	client := db.NewClient() // want `client \(\*db.PrismaClient\) from db.NewClient is not disconnected on the path through the return at line 211`
	if err := client.Prisma.Connect(); err != nil {
		return nil, err
	}
	if err := checkSchema(ctx); err != nil {
		return nil, err
	}
	return &App{prisma: client}, nil
}

// The generated client's own example: Disconnect in a deferred closure.
func SeedOnce(ctx context.Context, seed func(*db.PrismaClient) error) error {
	client := db.NewClient()
	if err := client.Prisma.Connect(); err != nil {
		return err
	}
	defer func() {
		if err := client.Prisma.Disconnect(); err != nil {
			panic(fmt.Errorf("could not disconnect: %w", err))
		}
	}()
	return seed(client)
}

func checkSchema(ctx context.Context) error { return ctx.Err() }

// bun takes the *sql.DB over; the bun DB is then the one to close.
func NewBunApp(dsn string, ping func(*bun.DB) error) (*App, error) {
	sqldb, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	bdb := bun.NewDB(sqldb, pgdialect.New()) // want `bdb \(\*bun.DB\) from bun.NewDB is not closed on the path through the return at line 240`
	if err := checkSchema(context.Background()); err != nil {
		return nil, err
	}
	return &App{bun: bdb}, nil
}

// sqlx.Connect: closed on the failure path, kept on success.
func NewSqlxApp(ctx context.Context, dsn string) (*App, error) {
	x, err := sqlx.ConnectContext(ctx, "pgx", dsn)
	if err != nil {
		return nil, err
	}
	if _, err := x.ExecContext(ctx, "SET TIME ZONE 'UTC'"); err != nil {
		x.Close()
		return nil, err
	}
	return &App{sqlx: x}, nil
}

func NewSqlxAppLeak(ctx context.Context, dsn string) (*App, error) {
	x, err := sqlx.Connect("pgx", dsn) // want `x \(\*sqlx.DB\) from sqlx.Connect is not closed on the path through the return at line 264`
	if err != nil {
		return nil, err
	}
	if _, err := x.ExecContext(ctx, "SET TIME ZONE 'UTC'"); err != nil {
		return nil, err
	}
	return &App{sqlx: x}, nil
}

// pgx.ConnectConfig, closed with a context on the failure path.
func NewListener(ctx context.Context, cfg *pgx.ConnConfig) (*App, error) {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN jobs"); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	return &App{conn: conn}, nil
}

func NewListenerLeak(ctx context.Context, cfg *pgx.ConnConfig) (*App, error) {
	conn, err := pgx.ConnectConfig(ctx, cfg) // want `conn \(\*pgx.Conn\) from pgx.ConnectConfig is not closed on the path through the return at line 288`
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN jobs"); err != nil {
		return nil, err
	}
	return &App{conn: conn}, nil
}

// gorm has no release in the catalog: nothing to report here.
func gormOnce(dsn string) (*gorm.DB, error) {
	g, err := gorm.Open(postgres.Open(dsn), &gorm.Config{})
	if err != nil {
		return nil, err
	}
	if err := g.Exec("SELECT 1").Error; err != nil {
		return nil, err
	}
	return g, nil
}

// init: the client lives for the process.
var shared *sql.DB

func init() {
	d, err := sql.Open("pgx", "postgres:///app")
	if err != nil {
		panic(err)
	}
	shared = d
}

// Passed to a helper that neither closes nor keeps it: the singleton rule
// sees the client handed on (not short-lived), so this one is release's.
func warmCache(ctx context.Context, addr string, keys []string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `rdb \(\*redis.Client\) from redis.NewClient is never closed: it leaks on the path through the return at line 321`
	if err := preload(ctx, rdb, keys); err != nil {
		return err
	}
	return nil
}

func preload(ctx context.Context, rdb *redis.Client, keys []string) error {
	for _, k := range keys {
		if err := rdb.Get(ctx, k).Err(); err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
	}
	return nil
}

// A retry loop that closes the pools it gives up on and keeps the last.
func connectRetry(ctx context.Context, dsn string) (*pgxpool.Pool, error) { // want connectRetry:"acquires pgxpool"
	var last error
	for i := 0; i < 3; i++ {
		p, err := pgxpool.New(ctx, dsn)
		if err != nil {
			last = err
			continue
		}
		if err := p.Ping(ctx); err != nil {
			p.Close()
			last = err
			time.Sleep(time.Second)
			continue
		}
		return p, nil
	}
	return nil, last
}

// The generated client embeds engine.Engine: its own Disconnect stops the
// engine as the lifecycle's does.
func SeedDirect(ctx context.Context) (*App, error) {
	client := db.NewClient()
	if err := client.Prisma.Connect(); err != nil {
		return nil, err
	}
	if err := checkSchema(ctx); err != nil {
		_ = client.Disconnect()
		return nil, err
	}
	return &App{prisma: client}, nil
}
