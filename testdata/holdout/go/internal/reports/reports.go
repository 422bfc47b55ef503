// Package reports builds the nightly reports. It imports the singleton package.
package reports

import (
	"context"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"holdout.example/svc/internal/db"
)

type Reporter struct {
	pool   *pgxpool.Pool
	events *mongo.Client
}

// holdout: pos singleton
// singleton 3: a second pgxpool built in a package that imports the pgxpool singleton.
func NewReporter(ctx context.Context) (*Reporter, error) {
	pool, err := pgxpool.New(ctx, os.Getenv("REPORTING_DATABASE_URL"))
	if err != nil {
		return nil, err
	}
	return &Reporter{pool: pool}, nil
}

// holdout: neg
// singleton 3 compares by kind: there is no mongo singleton, and the client escapes into the struct.
func (r *Reporter) WithEvents(uri string) error {
	mc, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		return err
	}
	r.events = mc
	return nil
}

// holdout: pos singleton
// singleton 3: a redis client built (and kept) while db.Redis is the redis singleton.
func (r *Reporter) Publisher() *redis.Client {
	return redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
}

// holdout: neg
// uses the singleton pool through db.Pool.
func Daily(ctx context.Context) (int64, error) {
	pool, err := db.Pool(ctx)
	if err != nil {
		return 0, err
	}
	var n int64
	err = pool.QueryRow(ctx, `SELECT count(*) FROM orders WHERE created_at > now() - interval '1 day'`).Scan(&n)
	return n, err
}

// holdout: neg
// release: closes what NewReporter built.
func (r *Reporter) Close(ctx context.Context) {
	r.pool.Close()
	if r.events != nil {
		_ = r.events.Disconnect(ctx)
	}
}
