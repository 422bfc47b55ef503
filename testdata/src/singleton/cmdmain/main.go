// Command cmdmain runs once: its constructions in main are the process's.
package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"

	"github.com/redis/go-redis/v9"
)

func main() {
	db, err := sql.Open("pgx", "postgres:///app")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	if err := run(context.Background(), db); err != nil {
		log.Fatal(err)
	}
}

// In package main a plain function runs once too.
func run(ctx context.Context, db *sql.DB) error {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"})
	defer rdb.Close()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		c := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // want `redis.NewClient builds a new \*redis.Client in the HTTP handler literal`
		defer c.Close()
	})
	for _, dsn := range []string{"postgres:///a", "postgres:///b"} {
		other, err := sql.Open("pgx", dsn) // want `sql.Open builds a new \*sql.DB inside a loop`
		if err != nil {
			return err
		}
		other.Close()
	}
	return http.ListenAndServe(":8080", nil)
}
