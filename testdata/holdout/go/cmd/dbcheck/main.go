// Command dbcheck checks a list of databases. It does not import the
// singleton package.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/redis/go-redis/v9"

	"holdout.example/svc/internal/legacy"
)

// holdout: neg
// singleton: package main runs once; a pool built in a helper called from main is not per call.
func openPrimary(dsn string) *sql.DB {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		log.Fatal(err)
	}
	return db
}

// holdout: neg
// singleton: in package main only rules 1 and 3 apply; run is called once from main and closes.
func run(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var one int
	return conn.QueryRow(ctx, `SELECT 1`).Scan(&one)
}

// holdout: pos singleton
// singleton 1: a construction inside a loop body, even in package main.
func checkAll(ctx context.Context, dsns []string) {
	for _, dsn := range dsns {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		if err := db.PingContext(ctx); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", dsn, err)
		}
		db.Close()
	}
}

// holdout: pos release
// release 1: package main still releases: rows skipped on the printing error.
func listTables(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return err
		}
		if _, err := fmt.Println(t); err != nil {
			rows.Close()
			return err
		}
	}
	return rows.Close()
}

// holdout: neg
// singleton: main builds its clients once; the wrapper call from main is not per call; log.Fatal paths.
func main() {
	dsns := flag.String("dsns", "", "comma-separated DSNs")
	flag.Parse()
	ctx := context.Background()
	primary := openPrimary(os.Getenv("DATABASE_URL"))
	defer primary.Close()
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	defer rdb.Close()
	pool, err := legacy.OpenDefaultPool(ctx)
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	if err := run(ctx, os.Getenv("DATABASE_URL")); err != nil {
		log.Fatal(err)
	}
	if err := listTables(ctx, primary); err != nil {
		log.Fatal(err)
	}
	checkAll(ctx, strings.Split(*dsns, ","))
}
