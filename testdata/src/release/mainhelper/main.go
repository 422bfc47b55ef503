// Command mainhelper runs once. Clients built in main live for the process;
// a helper that builds a client and drops it leaves it open for the rest of
// the run, which release reports (the singleton rule does not: in package
// main only its loop, handler and second-singleton rules apply).
package main

import (
	"context"
	"database/sql"
	"flag"
	"log"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/spf13/cobra"
)

func main() {
	dsn := flag.String("dsn", "postgres:///app", "database")
	flag.Parse()
	ctx := context.Background()
	db, err := sql.Open("pgx", *dsn)
	if err != nil {
		log.Fatal(err)
	}
	if err := migrate(ctx, db); err != nil {
		log.Fatal(err)
	}
	n, err := countUsers(ctx, *dsn)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("%d users", n)
	if err := vacuum(ctx, *dsn); err != nil {
		log.Fatal(err)
	}
	_ = rootCmd().Execute()
}

func migrate(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS users (id bigserial)")
	return err
}

// A helper's own pool, never closed.
func countUsers(ctx context.Context, dsn string) (int, error) {
	db, err := sql.Open("pgx", dsn) // want `db \(\*sql.DB\) from sql.Open is never closed: it leaks on the path through the return at line 52`
	if err != nil {
		return 0, err
	}
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

// The same helper closing its pool.
func vacuum(ctx context.Context, dsn string) error {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	_, err = pool.Exec(ctx, "VACUUM")
	return err
}

// A command body runs once, like main.
func rootCmd() *cobra.Command {
	return &cobra.Command{
		Use: "report",
		RunE: func(cmd *cobra.Command, args []string) error {
			pool, err := pgxpool.New(cmd.Context(), "postgres:///app")
			if err != nil {
				return err
			}
			_, err = pool.Exec(cmd.Context(), "SELECT 1")
			return err
		},
	}
}
