// Command mainrun uses the run idiom: main calls run last and exits with its
// error, so run's clients live for the process like main's (reduced from
// sqlc's scripts/cleanup-test-dbs).
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

func main() {
	ctx := context.Background()
	err := run(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, dsn string) error {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	rows, err := pool.Query(ctx, "SELECT datname FROM pg_database WHERE datname LIKE 'test_%'")
	if err != nil {
		return err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, name := range names {
		if _, err := pool.Exec(ctx, fmt.Sprintf("DROP DATABASE %q", name)); err != nil {
			return err
		}
	}
	n, err := countReplica(ctx, os.Getenv("REPLICA_URL"))
	if err != nil {
		return err
	}
	log.Printf("replica has %d databases", n)
	return nil
}

// Called in the middle of run: its pool stays open for the rest of the run.
func countReplica(ctx context.Context, dsn string) (int, error) {
	db, err := sql.Open("pgx", dsn) // want `db \(\*sql.DB\) from sql.Open is never closed: it leaks on the path through the return at line 59`
	if err != nil {
		return 0, err
	}
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM pg_database").Scan(&n)
	return n, err
}
