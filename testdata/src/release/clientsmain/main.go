// Command clientsmain runs once: its clients live for the process.
package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"

	"github.com/jackc/pgx/v5/pgxpool"
)

func main() {
	ctx := context.Background()
	db, err := sql.Open("pgx", "postgres:///app")
	if err != nil {
		log.Fatal(err)
	}
	pool, err := pgxpool.New(ctx, "postgres:///app")
	if err != nil {
		log.Fatal(err)
	}
	if err := run(ctx, db, pool); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, db *sql.DB, pool *pgxpool.Pool) error {
	// Resources are still checked in package main.
	rows, err := db.QueryContext(ctx, "SELECT 1") // want `rows \(\*sql.Rows\) from QueryContext is never closed`
	if err != nil {
		return err
	}
	_ = rows
	return http.ListenAndServe(":8080", nil)
}
