// Command tool: in package main only the singleton rule's loop, handler and
// second-singleton rules apply, so a helper's never-closed client is
// release's.
package main

import (
	"context"
	"database/sql"
	"log"
)

func main() {
	db, err := sql.Open("pgx", "postgres:///app")
	if err != nil {
		log.Fatal(err)
	}
	_ = db.Ping()
	n, err := count(context.Background(), "postgres:///replica")
	log.Println(n, err)
	for _, dsn := range []string{"postgres:///a", "postgres:///b"} {
		other, err := sql.Open("pgx", dsn) // findings: singleton
		if err != nil {
			log.Fatal(err)
		}
		_ = other.Ping()
	}
}

func count(ctx context.Context, dsn string) (int, error) {
	db, err := sql.Open("pgx", dsn) // findings: release
	if err != nil {
		return 0, err
	}
	var n int
	err = db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}
