// Command svc leaves its pools at the libraries' defaults, two of which
// depend on the host's CPUs.
package main

import (
	"context"
	"log"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

func main() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL")) // pools: max=8 source=default server=postgres
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	cache := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")}) // pools: max=90 source=default server=redis
	defer cache.Close()
	sessions := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{"redis-1:6379", "redis-2:6379"}}) // pools: kind=per-node state=unknown server=redis
	defer sessions.Close()
	events, err := mongo.Connect(options.Client().ApplyURI("mongodb://events.internal:27017/?maxPoolSize=30")) // pools: max=30 source=url server=mongodb
	if err != nil {
		log.Fatal(err)
	}
	defer events.Disconnect(ctx)
	archive, err := mongo.Connect(options.Client().ApplyURI(os.Getenv("ARCHIVE_URL"))) // pools: max=100 source=default server=mongodb
	if err != nil {
		log.Fatal(err)
	}
	defer archive.Disconnect(ctx)
}
