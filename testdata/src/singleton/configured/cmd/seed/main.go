// Command seed builds its own pool although the project configures a
// singleton path: configured paths apply everywhere, package main included.
package main

import (
	"context"
	"log"

	"github.com/jackc/pgx/v5/pgxpool"

	"singleton/configured/internal/db"
)

func main() {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, "postgres:///app") // want `pgxpool.New builds a \*pgxpool.Pool outside the configured singleton paths \(internal/db/\*\*\): use the singleton's client`
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	shared, err := db.Open(ctx, "postgres:///app")
	if err != nil {
		log.Fatal(err)
	}
	defer shared.Close()
}
