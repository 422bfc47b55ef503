// Command migrate applies migrations. It imports the singleton package for
// its helpers.
package main

import (
	"context"
	"log"
	"os"

	"github.com/jackc/pgx/v5/pgxpool"

	"holdout.example/svc/internal/db"
)

var migrations = []string{
	`CREATE TABLE IF NOT EXISTS users (id bigserial primary key, email text)`,
	`CREATE TABLE IF NOT EXISTS orders (id bigserial primary key, user_id bigint)`,
}

// holdout: pos singleton
// singleton 3: a script builds its own pgxpool while the project has a pgxpool singleton it imports.
func main() {
	ctx := context.Background()
	if err := db.Ping(ctx); err != nil {
		log.Printf("singleton pool not ready: %v", err)
	}
	pool, err := pgxpool.New(ctx, os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	for _, m := range migrations {
		if _, err := pool.Exec(ctx, m); err != nil {
			log.Fatalf("migrate: %v", err)
		}
	}
}
