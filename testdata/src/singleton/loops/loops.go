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

// A readiness probe: iterations go on only when connecting or pinging
// failed, so the loop is a retry, not a client per iteration. Its client is
// short-lived, but nothing here calls it per call (rule 2 needs both).
func waitForPostgres(ctx context.Context, dsn string) error {
	ticker := time.NewTicker(100 * time.Millisecond)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-ticker.C:
			conn, err := pgx.Connect(ctx, dsn)
			if err != nil {
				continue
			}
			if err := conn.Ping(ctx); err != nil {
				conn.Close(ctx)
				continue
			}
			conn.Close(ctx)
			return nil
		}
	}
}

// A retry that returns the client that worked: a wrapper, built once per
// call.
func dialWithBackoff(ctx context.Context, dsn string) (*pgx.Conn, error) { // want dialWithBackoff:"wraps pgx"
	var last error
	for attempt := 0; attempt < 5; attempt++ {
		conn, err := pgx.Connect(ctx, dsn)
		if err == nil {
			return conn, nil
		}
		last = err
		time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
	}
	return nil, last
}

// A reconnect loop whose successful iterations go on to the next one: a
// new connection per iteration.
func listenForever(ctx context.Context, dsn string, handle func(string)) {
	for ctx.Err() == nil {
		conn, err := pgx.Connect(ctx, dsn) // want `pgx.Connect builds a new \*pgx.Conn inside a loop`
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if n, err := conn.WaitForNotification(ctx); err == nil {
			handle(n.Payload)
		}
		conn.Close(ctx)
	}
}

// A registry declared outside the loop keeps each client.
type registry struct{ clients []*sql.DB }

func (r *registry) Add(db *sql.DB) { r.clients = append(r.clients, db) }

func openAll(dsns []string) (*registry, error) {
	reg := &registry{}
	for _, dsn := range dsns {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		reg.Add(db)
	}
	return reg, nil
}

// Each client ends up in a service kept for the process.
type tenantService struct{ db *sql.DB }

func newTenantService(db *sql.DB) (*tenantService, error) { return &tenantService{db: db}, nil }

func startTenants(tenants []Tenant) ([]*tenantService, error) {
	var out []*tenantService
	for _, t := range tenants {
		db, err := sql.Open("pgx", t.DSN)
		if err != nil {
			return nil, err
		}
		svc, err := newTenantService(db)
		if err != nil {
			return nil, err
		}
		out = append(out, svc)
	}
	return out, nil
}

// Only a count leaves the iteration: a pool per tenant per call.
func countTenants(ctx context.Context, tenants []Tenant) (int, error) {
	total := 0
	for _, t := range tenants {
		db, err := sql.Open("pgx", t.DSN) // want `sql.Open builds a new \*sql.DB inside a loop`
		if err != nil {
			return 0, err
		}
		n, err := countWith(ctx, db)
		db.Close()
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

func countWith(ctx context.Context, db *sql.DB) (int, error) {
	var n int
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}
