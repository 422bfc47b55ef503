package loops

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

type Tenant struct {
	Name string
	DSN  string
}

func vacuumAll(ctx context.Context, tenants []Tenant) error {
	for _, t := range tenants {
		db, err := sql.Open("pgx", t.DSN) // want `sql.Open builds a new \*sql.DB inside a loop: every iteration opens new connections`
		if err != nil {
			return err
		}
		_, err = db.ExecContext(ctx, "VACUUM")
		db.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
	}
	return nil
}

func pollForever(ctx context.Context, dsn string) {
	for {
		conn, err := pgx.Connect(ctx, dsn) // want `pgx.Connect builds a new \*pgx.Conn inside a loop`
		if err == nil {
			_, _ = conn.Exec(ctx, "SELECT 1")
			conn.Close(ctx)
		}
		time.Sleep(time.Second)
	}
}

// A retry loop keeps the client that worked: built once.
func connectWithRetry(ctx context.Context, uri string) (*mongo.Client, error) { // want connectWithRetry:"wraps mongo"
	var client *mongo.Client
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		client, err = mongo.Connect(options.Client().ApplyURI(uri))
		if err == nil {
			return client, nil
		}
		time.Sleep(time.Duration(attempt) * time.Second)
	}
	return nil, err
}

// One pool per shard, kept for the process.
func openShards(ctx context.Context, dsns map[string]string) (map[string]*sql.DB, error) {
	shards := make(map[string]*sql.DB, len(dsns))
	for name, dsn := range dsns {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		shards[name] = db
	}
	return shards, nil
}
