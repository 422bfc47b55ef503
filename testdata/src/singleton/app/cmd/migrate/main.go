// Command migrate builds its own pool although the project has one. // want package:"singletons pgxpool singleton/app/db.Pool"
package main

import (
	"context"
	"log"

	"github.com/jackc/pgx/v5/pgxpool"

	"singleton/app/db"
)

func main() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres:///app") // want `pgxpool.New builds a second \*pgxpool.Pool: package singleton/app/db already keeps one in Pool`
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	if err := db.Init(ctx, "postgres:///app"); err != nil {
		log.Fatal(err)
	}
}
