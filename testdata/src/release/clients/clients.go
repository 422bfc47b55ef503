package clients

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"prismaapp/db"
)

// A pool opened for one report and never closed.
func monthlyReport(ctx context.Context, dsn string) (int, error) {
	pool, err := sql.Open("pgx", dsn) // want `pool \(\*sql.DB\) from sql.Open is never closed: it leaks on the path through the return at line 25`
	if err != nil {
		return 0, err
	}
	var n int
	err = pool.QueryRowContext(ctx, "SELECT count(*) FROM orders").Scan(&n)
	return n, err
}

func monthlyReportClosed(ctx context.Context, dsn string) (int, error) {
	pool, err := sql.Open("pgx", dsn)
	if err != nil {
		return 0, err
	}
	defer pool.Close()
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

func pingLeak(ctx context.Context, dsn string) error {
	pool, err := pgxpool.New(ctx, dsn) // want `pool \(\*pgxpool.Pool\) from pgxpool.New is not closed on the path through the return at line 58`
	if err != nil {
		return err
	}
	if err := pool.Ping(ctx); err != nil {
		return err
	}
	pool.Close()
	return nil
}

func cacheWarm(ctx context.Context, addr string, keys []string) error {
	rdb := redis.NewClient(&redis.Options{Addr: addr}) // want `rdb \(\*redis.Client\) from redis.NewClient is never closed`
	for _, k := range keys {
		if err := rdb.Get(ctx, k).Err(); err != nil {
			return err
		}
	}
	return nil
}

func mongoLeak(ctx context.Context, uri string) ([]string, error) {
	client, err := mongo.Connect(ctx, options.Client().ApplyURI(uri)) // want `client \(\*mongo.Client\) from mongo.Connect is never disconnected`
	if err != nil {
		return nil, err
	}
	return client.ListDatabaseNames(ctx, map[string]any{})
}

func mongoDisconnected(ctx context.Context, uri string) ([]string, error) {
	client, err := mongo.Connect(ctx, options.Client().ApplyURI(uri))
	if err != nil {
		return nil, err
	}
	defer func() {
		_ = client.Disconnect(ctx)
	}()
	return client.ListDatabaseNames(ctx, map[string]any{})
}

func prismaDisconnected(ctx context.Context) error {
	client := db.NewClient()
	if err := client.Prisma.Connect(); err != nil {
		return err
	}
	defer client.Prisma.Disconnect()
	return nil
}

func prismaLeak(ctx context.Context) error {
	client := db.NewClient() // want `client \(\*db.PrismaClient\) from db.NewClient is never disconnected`
	return client.Prisma.Connect()
}

// gorm has no release in the catalog: nothing to report here.
func gormOnce(dsn string) error {
	g, err := gorm.Open(postgres.Open(dsn), &gorm.Config{})
	if err != nil {
		return err
	}
	return g.Exec("SELECT 1").Error
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

type Service struct {
	db *sql.DB
}

// Kept in the struct it returns.
func NewService(dsn string) (*Service, error) {
	d, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	return &Service{db: d}, nil
}
